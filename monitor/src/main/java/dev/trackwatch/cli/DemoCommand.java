package dev.trackwatch.cli;

import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "TODO")
final class DemoCommand implements Runnable {
    @Override
    public void run() {
        throw new UserFacingException("not yet");
    }
}
