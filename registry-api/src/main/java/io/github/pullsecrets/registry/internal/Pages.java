package io.github.pullsecrets.registry.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lazy, complete iteration over a paged list. Pages are fetched only as the stream is consumed.
 * Iteration stops at the last page, and also when a page brings nothing new or repeats the cursor,
 * so a server that ignores the offset cannot make it loop forever.
 */
final class Pages {

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.registry");

  private Pages() {}

  /** Fetches one page for a cursor; the first cursor is an empty string. */
  @FunctionalInterface
  interface Fetcher<T> {
    Page<T> fetch(String cursor);
  }

  /**
   * One page: its items and the cursor of the next page, empty on the last.
   *
   * @param items the items on the page
   * @param next the next cursor, or an empty string
   */
  record Page<T>(List<T> items, String next) {}

  static <T> Stream<T> stream(Fetcher<T> fetcher, Function<T, String> key, String what) {
    Iterator<T> iterator = new PageIterator<>(fetcher, key, what);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iterator, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
        false);
  }

  private static final class PageIterator<T> implements Iterator<T> {
    private final Fetcher<T> fetcher;
    private final Function<T, String> key;
    private final String what;
    private final Deque<T> buffer = new ArrayDeque<>();
    private final Set<String> seen = new HashSet<>();
    private String cursor = "";
    private boolean done;

    PageIterator(Fetcher<T> fetcher, Function<T, String> key, String what) {
      this.fetcher = fetcher;
      this.key = key;
      this.what = what;
    }

    @Override
    public boolean hasNext() {
      while (buffer.isEmpty() && !done) {
        fetchNextPage();
      }
      return !buffer.isEmpty();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException(what + ": no more items");
      }
      return buffer.removeFirst();
    }

    private void fetchNextPage() {
      Page<T> page = fetcher.fetch(cursor);
      int fresh = 0;
      for (T item : page.items()) {
        if (seen.add(key.apply(item))) {
          buffer.addLast(item);
          fresh++;
        }
      }
      boolean repeated = fresh == 0 || (!page.next().isEmpty() && page.next().equals(cursor));
      if (repeated && !page.items().isEmpty()) {
        LOGGER.log(
            Level.WARNING,
            () ->
                what
                    + ": the server returned a page with nothing new "
                    + "at cursor '"
                    + cursor
                    + "'; stopping after "
                    + seen.size()
                    + " items");
      }
      done = page.next().isEmpty() || repeated;
      cursor = page.next();
    }
  }
}
