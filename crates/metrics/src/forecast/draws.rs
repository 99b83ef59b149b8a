//! The forecast's random draws: a seeded generator (xoshiro256**, seeded through SplitMix64) and
//! the few distributions the simulation needs. Written here rather than borrowed so that a seed
//! gives the same bands on every machine and every version of every library.

/// A stream of random numbers fixed by its seed.
#[derive(Clone, Debug)]
pub(crate) struct Draws {
    state: [u64; 4],
}

impl Draws {
    /// The stream of `seed` for the part `part` (a court, a draw): streams of different parts do
    /// not overlap in practice, so the result does not depend on the order of work.
    pub fn new(seed: u64, part: u64) -> Draws {
        let mut mix = seed ^ part.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut next = || {
            mix = mix.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = mix;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Draws {
            state: [next(), next(), next(), next()],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in (0, 1): never 0, so that a logarithm of it is finite.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A standard normal deviate (Box–Muller; the second of the pair is dropped for simplicity).
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// A Poisson count of mean `mean`: exact by multiplication below 30, else the normal with a
    /// continuity correction (the difference is far below a band's width at such means).
    pub fn poisson(&mut self, mean: f64) -> f64 {
        if mean.is_nan() || mean <= 0.0 {
            return 0.0;
        }
        if mean < 30.0 {
            let limit = (-mean).exp();
            let mut product = self.uniform();
            let mut count = 0.0;
            while product > limit {
                product *= self.uniform();
                count += 1.0;
            }
            return count;
        }
        (mean + mean.sqrt() * self.normal() + 0.5).floor().max(0.0)
    }

    /// How many of `n` close when each closes with probability `p`: exact below 30 cases, else
    /// the normal approximation, rounded and held within 0..=n.
    pub fn binomial(&mut self, n: f64, p: f64) -> f64 {
        let p = p.clamp(0.0, 1.0);
        if n <= 0.0 || p == 0.0 {
            return 0.0;
        }
        if n < 30.0 {
            return (0..n.round() as u32).filter(|_| self.uniform() < p).count() as f64;
        }
        let mean = n * p;
        let sd = (n * p * (1.0 - p)).sqrt();
        (mean + sd * self.normal() + 0.5).floor().clamp(0.0, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_stream_and_another_part_another() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut d = Draws::new(7, 1);
                move |_| d.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut d = Draws::new(7, 1);
                move |_| d.next_u64()
            })
            .collect();
        let c: Vec<u64> = (0..5)
            .map({
                let mut d = Draws::new(7, 2);
                move |_| d.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn the_distributions_have_their_means_and_spreads() {
        let mut d = Draws::new(1, 0);
        let n = 20_000;
        let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
        let var = |xs: &[f64]| {
            let m = mean(xs);
            xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / xs.len() as f64
        };
        let normals: Vec<f64> = (0..n).map(|_| d.normal()).collect();
        assert!(mean(&normals).abs() < 0.03, "{}", mean(&normals));
        assert!((var(&normals) - 1.0).abs() < 0.05, "{}", var(&normals));
        for m in [3.0, 80.0] {
            let counts: Vec<f64> = (0..n).map(|_| d.poisson(m)).collect();
            assert!(
                (mean(&counts) - m).abs() < 0.05 * m,
                "{m}: {}",
                mean(&counts)
            );
            assert!((var(&counts) - m).abs() < 0.1 * m, "{m}: {}", var(&counts));
        }
        for (trials, p) in [(10.0, 0.3), (500.0, 0.2)] {
            let counts: Vec<f64> = (0..n).map(|_| d.binomial(trials, p)).collect();
            let expected = trials * p * (1.0 - p);
            assert!((mean(&counts) - trials * p).abs() < 0.03 * trials * p);
            assert!((var(&counts) - expected).abs() < 0.1 * expected);
            assert!(counts.iter().all(|c| (0.0..=trials).contains(c)));
        }
    }
}
