package dev.trackwatch.bench;

/**
 * One malformed checks tree of the {@link ConfigCorpusDrill}: the base tree with one file
 * replaced (or added).
 *
 * @param id a stable id, e.g. {@code c0042}
 * @param file the replaced or added file, relative to the checks directory
 * @param mutation what was done, e.g. {@code delete line 12}
 * @param harmless true when the mutation cannot change the meaning (a comment, whitespace, a BOM)
 * @param expectedLine the line an error must name (byte-level damage has one), or 0 when any line will do
 * @param content the file's new bytes
 */
record ConfigCorpusCase(String id, String file, String mutation, boolean harmless, int expectedLine, byte[] content) {
}
