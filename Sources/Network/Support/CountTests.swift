import Foundation

/// Tests for changes in counts of events (crimes per period), as crime analysts use them
/// instead of percent change (Wheeler 2016; Wheeler & Ratcliffe 2018).
public enum CountTest {
    /// The Poisson change score Z = 2(√now − √before) (Wheeler 2016, after the square-root
    /// variance-stabilising transform): |Z| ≥ 3 a signal, |Z| ≥ 2 a weaker one. `before` may
    /// be an expected count (a baseline of another length, scaled to this one).
    public static func poissonZ(now: Double, before: Double) -> Double {
        2 * ((max(now, 0)).squareRoot() - (max(before, 0)).squareRoot())
    }

    /// The weighted displacement difference (Wheeler & Ratcliffe 2018): the change in the
    /// treated area less the change in the comparison area, WDD = (T₁ − T₀) − (C₁ − C₀), with
    /// its standard error √(T₀ + T₁ + C₀ + C₁) and z = WDD / SE (0 when SE is 0).
    public static func wdd(t0: Double, t1: Double, c0: Double, c1: Double) -> (wdd: Double, se: Double, z: Double) {
        let w = (t1 - t0) - (c1 - c0)
        let se = (max(t0, 0) + max(t1, 0) + max(c0, 0) + max(c1, 0)).squareRoot()
        return (w, se, se == 0 ? 0 : w / se)
    }

    /// The E-test's two-sided p-value (Krishnamoorthy & Thomson 2004) for H₀: the rate of
    /// `x1` events in time `t1` equals the rate of `x0` events in time `t0` (periods of
    /// unequal length allowed). With T(k₁, k₀) = (k₁/t₁ − k₀/t₀) / √(k₁/t₁² + k₀/t₀²)
    /// (T(0, 0) = 0) and λ̂ = (x₁ + x₀)/(t₁ + t₀), p = Σ P(k₁; t₁λ̂) P(k₀; t₀λ̂) over the
    /// pairs with |T(k₁, k₀)| ≥ |T(x₁, x₀)|. The sums run over ±(10√μ + 10) around each mean
    /// (the mass left out is below 1e-15). 1 when both counts are 0.
    public static func eTest(x1: Int, t1: Double, x0: Int, t0: Double) -> Double {
        precondition(t1 > 0 && t0 > 0 && x1 >= 0 && x0 >= 0)
        func stat(_ k1: Int, _ k0: Int) -> Double {
            let a = Double(k1) / t1, b = Double(k0) / t0
            let v = Double(k1) / (t1 * t1) + Double(k0) / (t0 * t0)
            return v == 0 ? 0 : (a - b) / v.squareRoot()
        }
        let observed = abs(stat(x1, x0))
        if observed == 0 { return 1 }
        let lambda = Double(x1 + x0) / (t1 + t0)
        let m1 = t1 * lambda, m0 = t0 * lambda
        func pmf(_ mu: Double) -> (lo: Int, p: [Double]) {
            let spread = 10 * mu.squareRoot() + 10
            let lo = max(0, Int((mu - spread).rounded(.down))), hi = Int((mu + spread).rounded(.up))
            var p: [Double] = []
            p.reserveCapacity(hi - lo + 1)
            for k in lo...hi {
                p.append(mu == 0 ? (k == 0 ? 1 : 0) : exp(Double(k) * log(mu) - mu - lgamma(Double(k) + 1)))
            }
            return (lo, p)
        }
        let a = pmf(m1), b = pmf(m0)
        // Ties in |T| are counted as at least as extreme, with a relative tolerance.
        let threshold = observed * (1 - 1e-12)
        // T(k₁, k₀) falls as k₀ grows, so for each k₁ the extreme k₀ are a prefix (T ≥ t) and
        // a suffix (T ≤ −t): two binary searches and the pmf's running sums, O(K log K).
        var cumulative = [0.0]
        cumulative.reserveCapacity(b.p.count + 1)
        for x in b.p { cumulative.append(cumulative.last! + x) }
        let n0 = b.p.count
        var total = 0.0
        for (i, p1) in a.p.enumerated() where p1 > 0 {
            let k1 = a.lo + i
            // The first index whose T is below the threshold: [0, hi) has T ≥ t.
            var lo = 0, hi = n0
            while lo < hi { let mid = (lo + hi) / 2; if stat(k1, b.lo + mid) >= threshold { lo = mid + 1 } else { hi = mid } }
            let upper = lo
            // The first index whose T ≤ −t: [from, n0) has T ≤ −t.
            lo = upper; hi = n0
            while lo < hi { let mid = (lo + hi) / 2; if stat(k1, b.lo + mid) <= -threshold { hi = mid } else { lo = mid + 1 } }
            let from = lo
            total += p1 * (cumulative[upper] + (cumulative[n0] - cumulative[from]))
        }
        return min(1, max(0, total))
    }
}
