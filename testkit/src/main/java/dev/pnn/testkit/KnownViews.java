package dev.pnn.testkit;

import dev.pnn.spi.device.EchoView;
import dev.pnn.spi.device.EnergyView;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.ReservoirView;
import dev.pnn.spi.device.ScatteringView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.device.View;

import java.util.List;

/** The view interfaces the SPI defines, each realizing one {@code pnn.*} capability. */
final class KnownViews {
    static final List<Class<? extends View>> ALL = List.of(ForwardView.class, TwinView.class, LayersView.class,
            EnergyView.class, EchoView.class, ScatteringView.class, ReservoirView.class);

    private KnownViews() {
    }
}
