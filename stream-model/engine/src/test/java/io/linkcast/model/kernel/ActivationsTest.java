package io.linkcast.model.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    private static final int N = 100_003;

    private static float[] values(long seed, double scale) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[N];
        for (int i = 0; i < N; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        a[0] = 0f;
        a[1] = -0f;
        a[2] = 1e-30f;
        a[3] = (float) -scale;
        return a;
    }

    @Test
    void sigmoidAndTanhAreWithinAFewUlpsOfTheJdk() {
        for (double scale : new double[] {0.01, 3, 30, 200}) {
            float[] x = values(1, scale);
            float[] s = x.clone();
            float[] t = x.clone();
            Activations.sigmoid(s, 0, N);
            Activations.tanh(t, 0, N);
            for (int i = 0; i < N; i++) {
                double sig = 1 / (1 + Math.exp(-x[i]));
                assertThat((double) s[i]).as("sigmoid(%s)", x[i]).isCloseTo(sig, org.assertj.core.data.Offset.offset(
                        3e-7 * Math.max(sig, 1e-30) + 1e-38));
                assertThat((double) t[i]).as("tanh(%s)", x[i]).isCloseTo(Math.tanh(x[i]),
                        org.assertj.core.data.Offset.offset(2e-7));
            }
        }
    }

    @Test
    void cosIsWithin1e7OfTheJdkForTimeGapsUpToABillionSeconds() {
        for (double scale : new double[] {1, 100, 1e5, 1e9}) {
            float[] x = values(2, scale);
            float[] c = x.clone();
            Activations.cos(c, 0, N);
            for (int i = 0; i < N; i++) {
                assertThat((double) c[i]).as("cos(%s)", x[i]).isCloseTo(Math.cos(x[i]),
                        org.assertj.core.data.Offset.offset(1e-7));
            }
        }
    }

    @Test
    void anElementGetsTheSameBitsWhereverItSitsAndWithoutTheVectorApi() {
        float[] x = values(3, 50);
        Activations.Math scalar = new Activations.ScalarMath();
        for (int shift = 0; shift < 17; shift++) {
            float[] a = new float[N + shift];
            System.arraycopy(x, 0, a, shift, N);
            float[] b = a.clone();
            float[] c = a.clone();
            Activations.sigmoid(a, shift, N + shift);
            Activations.tanh(b, shift, N + shift);
            Activations.cos(c, shift, N + shift);
            float[] sa = x.clone();
            float[] sb = x.clone();
            float[] sc = x.clone();
            scalar.sigmoid(sa, 0, N);
            scalar.tanh(sb, 0, N);
            scalar.cos(sc, 0, N);
            for (int i = 0; i < N; i += 97) {
                assertThat(a[i + shift]).isEqualTo(sa[i]);
                assertThat(b[i + shift]).isEqualTo(sb[i]);
                assertThat(c[i + shift]).isEqualTo(sc[i]);
                assertThat(Activations.sigmoid(x[i])).isEqualTo(sa[i]);
                assertThat(Activations.tanh(x[i])).isEqualTo(sb[i]);
            }
        }
    }

    @Test
    void theTestsRunTheVectorKernels() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as the launcher does
        assertThat(Lanes.vectorised()).isTrue();
    }
}
