package io.github.pullsecrets.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every record the SDK logs through {@link System.Logger}, which the JDK routes to
 * java.util.logging when no other backend is installed.
 */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("io.github.pullsecrets");
  private final Level previousLevel;
  private final List<LogRecord> records = new ArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  LogCapture() {
    previousLevel = logger.getLevel();
    logger.setLevel(Level.ALL);
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  synchronized List<LogRecord> records() {
    return List.copyOf(records);
  }

  synchronized String text() {
    StringBuilder text = new StringBuilder();
    records.forEach(record -> text.append(formatter.format(record)));
    return text.toString();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
  }
}
