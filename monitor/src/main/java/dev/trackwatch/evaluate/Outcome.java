package dev.trackwatch.evaluate;

/**
 * How a check came out. NOT_EVALUATED means the monitor could not judge (ClickHouse failed or
 * timed out, too little history): it is a monitor fault, never a data anomaly.
 */
public enum Outcome {
    PASSED, WARN, FAILED, NOT_EVALUATED
}
