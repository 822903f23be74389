package dev.trackwatch.embedded;

import com.clickhouse.data.ClickHouseCityHash;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * ClickHouse's own block compression framing, which the HTTP interface uses for
 * {@code compress=1} (responses) and {@code decompress=1} (request bodies).
 *
 * <p>Each block is a 16-byte CityHash128 (v1.0.2) checksum of what follows, one method byte
 * ({@code 0x82} LZ4, {@code 0x02} none), the compressed size including the 9-byte header and the
 * uncompressed size, both little-endian 32-bit, then the payload. The hash is the driver's own
 * implementation, so both sides agree on it by construction; LZ4 is lz4-java, which the driver
 * also uses.
 */
// The driver marks ClickHouseCityHash deprecated, but it is the exact CityHash128 v1.0.2 the
// compressed-block wire format checks, so the framing stays byte-identical with the driver.
@SuppressWarnings("deprecation")
final class CompressedBlocks {

    static final int BLOCK_SIZE = 1 << 20;
    private static final int HEADER = 9;
    private static final byte METHOD_LZ4 = (byte) 0x82;
    private static final byte METHOD_NONE = (byte) 0x02;

    private CompressedBlocks() {
    }

    /** An output stream that frames everything written to it into LZ4 blocks of at most 1 MiB. */
    static final class Lz4BlockOutputStream extends OutputStream {
        private final OutputStream out;
        private final LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();
        private final byte[] buffer;
        private final byte[] block;
        private int used;

        Lz4BlockOutputStream(OutputStream out, int blockSize) {
            this.out = out;
            this.buffer = new byte[blockSize];
            this.block = new byte[16 + HEADER + compressor.maxCompressedLength(blockSize)];
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                flushBlock();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == buffer.length) {
                    flushBlock();
                }
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        private void flushBlock() throws IOException {
            if (used == 0) {
                return;
            }
            int compressed = compressor.compress(buffer, 0, used, block, 16 + HEADER);
            block[16] = METHOD_LZ4;
            putInt(block, 17, compressed + HEADER);
            putInt(block, 21, used);
            long[] hash = ClickHouseCityHash.cityHash128(block, 16, compressed + HEADER);
            putLong(block, 0, hash[0]);
            putLong(block, 8, hash[1]);
            out.write(block, 0, 16 + HEADER + compressed);
            used = 0;
        }

        @Override
        public void flush() throws IOException {
            flushBlock();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }

    /**
     * Reads a whole framed body and returns the uncompressed bytes, verifying every checksum.
     *
     * @throws ChdbQueryException with code 271 on a bad checksum or an unsupported method
     */
    static byte[] decompressAll(InputStream in) throws IOException {
        LZ4FastDecompressor lz4 = LZ4Factory.fastestInstance().fastDecompressor();
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        byte[] checksum = new byte[16];
        byte[] header = new byte[HEADER];
        while (true) {
            int first = in.readNBytes(checksum, 0, 16);
            if (first == 0) {
                return result.toByteArray();
            }
            if (first < 16 || in.readNBytes(header, 0, HEADER) < HEADER) {
                throw new ChdbQueryException(ChdbQueryException.CANNOT_DECOMPRESS, "Truncated compressed block header");
            }
            int compressedSize = getInt(header, 1);
            int rawSize = getInt(header, 5);
            if (compressedSize < HEADER || rawSize < 0) {
                throw new ChdbQueryException(ChdbQueryException.CANNOT_DECOMPRESS, "Corrupted compressed block sizes");
            }
            byte[] frame = new byte[compressedSize];
            System.arraycopy(header, 0, frame, 0, HEADER);
            if (in.readNBytes(frame, HEADER, compressedSize - HEADER) < compressedSize - HEADER) {
                throw new ChdbQueryException(ChdbQueryException.CANNOT_DECOMPRESS, "Truncated compressed block");
            }
            long[] hash = ClickHouseCityHash.cityHash128(frame, 0, compressedSize);
            if (hash[0] != getLong(checksum, 0) || hash[1] != getLong(checksum, 8)) {
                throw new ChdbQueryException(ChdbQueryException.CANNOT_DECOMPRESS,
                        "Checksum doesn't match: corrupted data in compressed block");
            }
            byte method = frame[0];
            if (method == METHOD_LZ4) {
                byte[] raw = new byte[rawSize];
                lz4.decompress(frame, HEADER, raw, 0, rawSize);
                result.write(raw);
            } else if (method == METHOD_NONE) {
                result.write(frame, HEADER, compressedSize - HEADER);
            } else {
                throw new ChdbQueryException(ChdbQueryException.CANNOT_DECOMPRESS, String.format(
                        "Unknown compression method 0x%02x: the embedded endpoint reads LZ4 and none", method));
            }
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static int getInt(byte[] b, int at) {
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
