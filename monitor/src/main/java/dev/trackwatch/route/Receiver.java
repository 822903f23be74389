package dev.trackwatch.route;

/** Where a route delivers: a name, a Slack channel and who to mention. */
public record Receiver(String name, String slackChannel, String mention) {
}
