package io.waymark.generator.send;

/** Sending cannot go on: the key was refused or the collector stayed unreachable. */
final class SendFailure extends Exception {

  SendFailure(String message) {
    super(message);
  }
}
