package dev.pnn.spi.data;

import dev.pnn.spi.Named;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads a data set named in a plan ({@code data = digits8x8("data/digits8x8.csv.gz", test: 20%, seed: 1)}).
 * The first positional argument, when present, arrives as the named argument {@code path}.
 */
public interface DatasetFactory extends Named {
    List<ArgSpec> args();

    /**
     * @param baseDir directory of the .pnn file; relative paths resolve against it
     * @throws dev.pnn.spi.PnnException when a file is missing or malformed (naming the path)
     */
    DataSplit load(Args args, Path baseDir);
}
