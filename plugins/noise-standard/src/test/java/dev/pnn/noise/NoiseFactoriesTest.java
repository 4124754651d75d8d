package dev.pnn.noise;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.ControlQuantizer;
import dev.pnn.spi.noise.Crosstalk;
import dev.pnn.spi.noise.Drift;
import dev.pnn.spi.noise.SignalNoise;
import dev.pnn.spi.noise.StaticError;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.pnn.noise.NoiseTestSupport.create;
import static dev.pnn.noise.NoiseTestSupport.factory;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseFactoriesTest {
    @Test
    void rolesMatchThePhotonicBackendKeys() {
        assertEquals(Set.of("static"), factory("gaussian").roles());
        assertEquals(Set.of("crosstalk"), factory("thermal").roles());
        assertEquals(Set.of("loss"), factory("insertion_loss").roles());
        for (String s : new String[]{"shot_noise", "readout", "detector", "adc"})
            assertEquals(Set.of("signal"), factory(s).roles(), s);
        assertEquals(Set.of("dac"), factory("dac").roles());
        assertEquals(Set.of("drift"), factory("drift").roles());
        assertEquals(Set.of("drift"), factory("thermal_drift").roles());
    }

    @Test
    void eachFactoryBuildsTheKindItsRoleNeeds() {
        assertInstanceOf(StaticError.class, create("gaussian", "sigma", 0.05));
        assertInstanceOf(StaticError.class, create("insertion_loss", "db_per_mzi", 0.1));
        assertInstanceOf(Crosstalk.class, create("thermal", "coupling", 0.02));
        assertInstanceOf(SignalNoise.class, create("shot_noise", "photons", 1e4));
        assertInstanceOf(SignalNoise.class, create("detector", "sigma", 0.01));
        assertInstanceOf(SignalNoise.class, create("adc", "bits", 10));
        assertInstanceOf(ControlQuantizer.class, create("dac", "bits", 8));
        assertInstanceOf(Drift.class, create("drift", "step", 1e-3));
        assertInstanceOf(Drift.class, create("thermal_drift", "step", 1e-3, "rad_per_kelvin", 0.2));
    }

    @Test
    void unitsConvertToRadians() {
        GaussianError g = (GaussianError) create("gaussian", "sigma", new Value.Num(3, Unit.DEG));
        assertEquals(3 * Math.PI / 180, g.sigma(), 1e-15);
    }

    @Test
    void zeroSettingsAreIdeal() {
        assertTrue(create("gaussian", "sigma", 0).isIdeal());
        assertTrue(create("thermal", "coupling", 0).isIdeal());
        assertTrue(create("insertion_loss", "db_per_mzi", 0).isIdeal());
        assertTrue(create("readout", "sigma", 0).isIdeal());
        assertTrue(create("drift", "step", 0).isIdeal());
        assertTrue(create("shot_noise", "photons", Double.POSITIVE_INFINITY).isIdeal());
        assertFalse(create("gaussian", "sigma", 0.1).isIdeal());
    }

    @Test
    void badArgumentsSayWhatToWrite() {
        PnnException e = assertThrows(PnnException.class, () -> create("gaussian", "sigma", -0.1));
        assertTrue(e.getMessage().contains("gaussian") && e.getMessage().contains("sigma")
                && e.getMessage().contains("-0.1"), e.getMessage());
        assertTrue(e.hint().contains("gaussian("), e.hint());
        assertThrows(PnnException.class, () -> create("shot_noise", "photons", 0));
        assertThrows(PnnException.class, () -> create("adc", "bits", 0));
        assertThrows(PnnException.class, () -> create("adc", "bits", 8, "lo", 1, "hi", 1));
        assertThrows(PnnException.class, () -> create("dac", "bits", 60));
        assertThrows(PnnException.class, () -> create("gaussian", "sigma", 0.1, "reading", "power"));
        assertThrows(PnnException.class, () -> create("thermal", "coupling", Double.NaN));
    }

    @Test
    void pluginIsListedForServiceLoader() {
        assertTrue(java.util.ServiceLoader.load(dev.pnn.spi.PnnPlugin.class).stream()
                .anyMatch(p -> p.type() == StandardNoisePlugin.class));
    }
}
