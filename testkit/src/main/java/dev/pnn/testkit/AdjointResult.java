package dev.pnn.testkit;

/**
 * Outcome of the ALGORITHMS.md §3 item 4 VJP adjoint identity ⟨Jv, w⟩ = ⟨v, Jᵀw⟩.
 *
 * @param passed           |⟨Jv, w⟩ − ⟨v, Jᵀw⟩| ≤ tolerance·max(‖Jv‖‖w‖, |⟨v, Jᵀw⟩|); ‖Jv‖‖w‖ bounds |⟨Jv, w⟩|
 *                         and does not shrink when the inner product cancels
 * @param forward          ⟨Jv, w⟩ with Jv from central differences
 * @param adjoint          ⟨v, Jᵀw⟩ with Jᵀw from the VJP under test
 * @param relativeError    |forward − adjoint| / max(‖Jv‖‖w‖, |adjoint|)
 * @param worstIndex       on failure, the input component where the VJP differs most from the FD gradient of
 *                         ⟨f(x), w⟩ (-1 when the check passed, since that diagnosis costs 2n evaluations)
 * @param worstSlice       the slice holding {@code worstIndex}, or null
 * @param vjpValue         (Jᵀw) at the worst component
 * @param fdValue          ∂⟨f(x), w⟩/∂x at the worst component by central differences
 * @param message          a human-readable summary
 */
public record AdjointResult(boolean passed, double forward, double adjoint, double relativeError, int worstIndex,
                            String worstSlice, double vjpValue, double fdValue, String message) {

    public AdjointResult assertPassed() {
        if (!passed) throw new AssertionError(message);
        return this;
    }

    @Override
    public String toString() {
        return message;
    }
}
