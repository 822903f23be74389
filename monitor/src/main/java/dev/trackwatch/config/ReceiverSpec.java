package dev.trackwatch.config;

/**
 * A named receiver of {@code routing.receivers}: a Slack channel and whom to mention there.
 *
 * @param name the name routes use in {@code receiver:}
 * @param slackChannel the channel, e.g. {@code #growth-oncall}
 * @param mention who to mention in the message, e.g. {@code @growth-oncall}, or null
 * @param location where the receiver is written
 */
public record ReceiverSpec(String name, String slackChannel, String mention, SourceLocation location) {
}
