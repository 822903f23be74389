package dev.trackwatch.cli;

import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "TODO")
final class ServeCommand implements Runnable {
    @Override
    public void run() {
        throw new UserFacingException("not yet");
    }
}
