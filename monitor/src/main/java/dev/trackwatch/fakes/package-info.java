/**
 * Hand-written fakes of the outside services Trackwatch talks to (the Slack Web API), kept in main
 * so that the fault benchmark ({@code ./trackwatch bench faults}) can drive a real daemon against
 * them as the tests do. Only the benchmarks, the CLI and tests use this package.
 */
package dev.trackwatch.fakes;
