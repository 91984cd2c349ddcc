package io.waymark.generator;

import io.waymark.generator.cli.Options;
import io.waymark.generator.cli.UsageException;
import io.waymark.generator.files.FilesCommand;
import io.waymark.generator.send.SendCommand;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** The command line of the mock data generator: {@code send}, {@code files} and {@code --help}. */
public final class Main {

  /** Exit code for a command line the generator cannot run. */
  static final int USAGE_ERROR = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, Clock.systemUTC()));
  }

  /** Runs one command; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    if (args.length == 0) {
      err.print(Usage.MAIN);
      return USAGE_ERROR;
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (command) {
        case "help", "--help", "-h" -> {
          out.print(Usage.MAIN);
          return 0;
        }
        case "send" -> {
          Options o = Options.parse(command, rest, SendCommand.OPTIONS);
          return o.help() ? help(out, Usage.SEND) : SendCommand.run(o, err, clock);
        }
        case "files" -> {
          Options o = Options.parse(command, rest, FilesCommand.OPTIONS);
          return o.help() ? help(out, Usage.FILES) : FilesCommand.run(o, out, err, clock);
        }
        default -> throw new UsageException("unknown command '" + command + "'");
      }
    } catch (UsageException e) {
      err.println("waymark-generator: " + e.getMessage());
      err.println("Run 'java -jar waymark-generator.jar --help' for the commands and options.");
      return USAGE_ERROR;
    }
  }

  private static int help(PrintStream out, String text) {
    out.print(text);
    return 0;
  }
}
