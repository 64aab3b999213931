package org.socketlab.udp.lossy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpairmentPlanTest {
    private static final long SEED = 42L;

    private static List<Fate> decide(ImpairmentPlan plan, int count) {
        List<Fate> fates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fates.add(plan.next(0));
        }
        return fates;
    }

    @Test
    void sameSeedSameFates() {
        Impairment impairment = Impairment.standard(0.3).withCorrupt(0.1);
        assertThat(decide(new ImpairmentPlan(impairment, SEED), 1000))
                .isEqualTo(decide(new ImpairmentPlan(impairment, SEED), 1000));
    }

    @Test
    void differentSeedsDiffer() {
        Impairment impairment = Impairment.standard(0.3);
        assertThat(decide(new ImpairmentPlan(impairment, 1), 100)).isNotEqualTo(decide(new ImpairmentPlan(impairment, 2), 100));
    }

    @Test
    void reverseDirectionIsIndependentButAlsoFixedBySeed() {
        Impairment impairment = Impairment.standard(0.3);
        ImpairmentPlan plan = new ImpairmentPlan(impairment, SEED);
        assertThat(decide(plan.reverse(), 100)).isEqualTo(decide(new ImpairmentPlan(impairment, SEED).reverse(), 100))
                .isNotEqualTo(decide(new ImpairmentPlan(impairment, SEED), 100));
    }

    @Test
    void lossRateIsCloseToTheConfiguredProbability() {
        System.out.println("seed " + SEED);
        List<Fate> fates = decide(new ImpairmentPlan(Impairment.none().withLoss(0.3), SEED), 10_000);
        long dropped = fates.stream().filter(Fate::dropped).count();
        assertThat(dropped).isBetween(2_800L, 3_200L);
        assertThat(fates).filteredOn(Fate::dropped).allSatisfy(fate -> assertThat(fate.copies()).isEmpty());
    }

    @Test
    void duplicatedDatagramHasTwoCopies_heldBackCopyCarriesTheExtraDelay() {
        Impairment impairment = Impairment.none().withDuplicate(1.0).withReorder(1.0, Duration.ofMillis(7))
                .withDelay(Duration.ofMillis(2), Duration.ZERO);
        Fate fate = new ImpairmentPlan(impairment, SEED).next(0);
        assertThat(fate.copies()).hasSize(2).allSatisfy(copy -> {
            assertThat(copy.heldBack()).isTrue();
            assertThat(copy.delayNanos()).isEqualTo(Duration.ofMillis(9).toNanos());
        });
    }

    @Test
    void jitterNeverReordersOnlyHoldingBackDoes() {
        Impairment jittery = Impairment.none().withDelay(Duration.ofMillis(1), Duration.ofMillis(5)).withDuplicate(0.3);
        ImpairmentPlan plan = new ImpairmentPlan(jittery, SEED);
        long previousDeparture = Long.MIN_VALUE;
        for (int i = 0; i < 1_000; i++) {
            long arrival = i * 100_000L; // one datagram every 0.1 ms, far less than the 5 ms jitter
            for (Fate.Copy copy : plan.next(arrival).copies()) {
                long departure = arrival + copy.delayNanos();
                assertThat(departure).as("seed %d, datagram %d", SEED, i).isGreaterThanOrEqualTo(previousDeparture);
                assertThat(copy.delayNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(1).toNanos());
                previousDeparture = departure;
            }
        }
    }

    @Test
    void heldBackCopyIsOvertakenAndDoesNotHoldUpTheQueue() {
        Impairment impairment = Impairment.none().withReorder(0.5, Duration.ofMillis(10));
        ImpairmentPlan plan = new ImpairmentPlan(impairment, SEED);
        for (int i = 0; i < 100; i++) {
            Fate.Copy copy = plan.next(i).copies().get(0);
            assertThat(copy.delayNanos()).isEqualTo(copy.heldBack() ? Duration.ofMillis(10).toNanos() : 0);
        }
    }

    @Test
    void perfectLinkDeliversEveryDatagramOnceAtOnce() {
        for (Fate fate : decide(new ImpairmentPlan(Impairment.none(), SEED), 100)) {
            assertThat(fate.copies()).containsExactly(new Fate.Copy(0, false, -1));
        }
    }

    @Test
    void corruptCopyFlipsExactlyOneByte() {
        Fate.Copy copy = new Fate.Copy(0, false, 7);
        byte[] original = {1, 2, 3, 4, 5};
        byte[] delivered = copy.apply(original, original.length);
        assertThat(delivered).isEqualTo(new byte[] {1, 2, (byte) ~3, 4, 5}); // 7 mod 5 = 2
        assertThat(original).isEqualTo(new byte[] {1, 2, 3, 4, 5});
    }

    @Test
    void probabilitiesOutsideZeroToOneAreRejected() {
        assertThatThrownBy(() -> Impairment.none().withLoss(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss probability is 1.5; it must be within [0, 1]");
        assertThatThrownBy(() -> Impairment.none().withDuplicate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
