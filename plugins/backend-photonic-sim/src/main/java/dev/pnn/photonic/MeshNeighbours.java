package dev.pnn.photonic;

import dev.pnn.spi.noise.Neighbours;

import java.util.ArrayList;
import java.util.List;

/**
 * Thermal neighbours of a mesh's phase shifters (ALGORITHMS.md §2.4): same-role shifters (θ with θ, φ with φ) in
 * the same column at pair offset k' = k ± 2, indexed like the parameter layout. The output screen α has no
 * neighbours. For Reck meshes the "column" is the diagonal [choice: §2.4 defines the rule for columns only].
 */
final class MeshNeighbours {
    private MeshNeighbours() {
    }

    static Neighbours of(MeshLayout layout) {
        int m = layout.mzis(), p = layout.params();
        int[] upper = layout.upper(), column = layout.column();
        List<List<Integer>> nbr = new ArrayList<>();
        for (int i = 0; i < p; i++) nbr.add(new ArrayList<>());
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
                if (a != b && column[a] == column[b] && Math.abs(upper[a] - upper[b]) == 2) {
                    nbr.get(layout.thetaIndex(a)).add(layout.thetaIndex(b));
                    nbr.get(layout.phiIndex(a)).add(layout.phiIndex(b));
                }
        int[] start = new int[p + 1];
        int total = 0;
        for (int i = 0; i < p; i++) {
            total += nbr.get(i).size();
            start[i + 1] = total;
        }
        int[] index = new int[total];
        int k = 0;
        for (List<Integer> l : nbr) for (int j : l) index[k++] = j;
        return new Neighbours(start, index);
    }
}
