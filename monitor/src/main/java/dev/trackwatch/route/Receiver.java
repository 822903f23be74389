package dev.trackwatch.route;

/**
 * Where a notification goes.
 *
 * @param name the receiver's name: a receiver of {@code routing.receivers}, or a team's name (for a
 *             team named as receiver, and for {@code owner}, which resolves to the alert's team);
 *             {@code owner} itself only when the alert's team is unknown
 * @param slackChannel the Slack channel, e.g. {@code #growth-alerts}; null only when the owner is unknown
 * @param mention who to mention in the message, e.g. {@code @growth-oncall}, or null
 */
public record Receiver(String name, String slackChannel, String mention) {
}
