package dev.trackwatch.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shards split datasets into disjoint, complete, stable and roughly even parts. */
class ShardAssignmentTest {

    private static final List<String> DATASETS = IntStream.range(0, 300).mapToObj(i -> "dataset_" + i).toList();

    @Test
    void everyDatasetIsOwnedByExactlyOneShard() {
        for (String dataset : DATASETS) {
            long owners = IntStream.range(0, 4).filter(i -> new ShardAssignment(i, 4).owns(dataset)).count();
            assertThat(owners).as(dataset).isEqualTo(1);
        }
    }

    @Test
    void assignmentIsAFixedFunctionOfTheName() {
        // A fixed expectation: a change of hash would silently move datasets between replicas.
        // Values computed independently: first 8 bytes of SHA-256("product_events"), big-endian, mod N.
        assertThat(ShardAssignment.shardOf("product_events", 3)).isEqualTo(1);
        assertThat(ShardAssignment.shardOf("product_events", 5)).isEqualTo(3);
        assertThat(ShardAssignment.shardOf("product_events", 1)).isZero();
    }

    @Test
    void shardsAreRoughlyEven() {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ShardAssignment shard = new ShardAssignment(i, 3);
            sizes.add((int) DATASETS.stream().filter(shard::owns).count());
        }
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(70, 130));
    }

    @Test
    void rejectsAnIndexOutsideTheCount() {
        assertThatThrownBy(() -> new ShardAssignment(3, 3)).hasMessageContaining("0..2");
    }
}
