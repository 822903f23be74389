/**
 * The later alert stages and Slack delivery of alert groups.
 *
 * <p>{@link dev.trackwatch.notify.AlertPipeline} lists the stages after the incidents stage: route,
 * group ({@link dev.trackwatch.notify.Dispatcher}), mute, notify and log
 * ({@link dev.trackwatch.notify.Deliverer}, {@link dev.trackwatch.notify.NotificationLog}); an
 * {@link dev.trackwatch.notify.Alert} travels through them. {@link dev.trackwatch.notify.AlertStores}
 * makes the stores and the {@link dev.trackwatch.notify.NotificationSink} beans,
 * {@link dev.trackwatch.notify.RunningConfig} hears of reloads by event, and
 * {@link dev.trackwatch.notify.NotificationService} wires it all to the scheduler. See
 * docs/incidents.md.
 *
 * <p>An {@link dev.trackwatch.notify.AlertMessage} says what one message says about a group of
 * alerts; {@link dev.trackwatch.notify.SlackBlocks} turns it into Block Kit blocks and a fallback
 * text, and {@link dev.trackwatch.notify.ChartRenderer} draws its
 * {@link dev.trackwatch.notify.ChartSeries} as a PNG. {@link dev.trackwatch.notify.SlackNotifier}
 * posts, replies in threads, edits on resolve and uploads the chart into the thread through the
 * Slack SDK, and classifies every outcome as a {@link dev.trackwatch.notify.Delivery}
 * ({@link dev.trackwatch.notify.SlackErrors}). It never retries: {@link dev.trackwatch.notify.RetryingSender}
 * does, with a {@link dev.trackwatch.notify.RetryPolicy} and a per-channel
 * {@link dev.trackwatch.notify.ChannelRateLimiter}. {@link dev.trackwatch.notify.SlackSettings}
 * ({@code trackwatch.slack.*}) turns it all on when a token is set. See docs/slack.md.
 */
package dev.trackwatch.notify;
