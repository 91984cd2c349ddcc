package io.waymark.generator.cli;

/** A command line the generator cannot run; the message names the option and what it needs. */
public final class UsageException extends Exception {

  public UsageException(String message) {
    super(message);
  }
}
