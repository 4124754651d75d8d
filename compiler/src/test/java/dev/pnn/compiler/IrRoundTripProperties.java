package dev.pnn.compiler;

import dev.pnn.spi.ir.Program;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IrRoundTripProperties {
    @Provide
    Arbitrary<Program> programs() {
        return IrArbitraries.programs();
    }

    @Property(tries = 100)
    void textFormParsesBackToAnEqualProgram(@ForAll("programs") Program p) {
        String text = IrText.print(p);
        Program back = IrText.parse(text);
        assertEquals(p, back, text);
        assertEquals(text, IrText.print(back));
    }

    @Property(tries = 100)
    void jsonParsesBackToAnEqualProgram(@ForAll("programs") Program p) {
        String json = IrJson.write(p);
        assertEquals(p, IrJson.read(json), json);
    }
}
