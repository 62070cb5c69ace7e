package io.tickstream.connectors.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.tickstream.core.testing.SharedData;
import io.tickstream.core.time.Rational;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Flink restart case of docs/STACK.md §9: every job (re)start gets a new user-code class loader,
 * and the JavaCPP loader then fails with "already loaded in another classloader". Here three isolated
 * class loaders (plus the test's own) each load the HDF5 natives and read a fixture in one JVM.
 */
class Hdf5ClassLoaderTest {
  private static URL codeSource(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }

  @Test
  void eachClassLoaderLoadsItsOwnNativesAndReads() throws Exception {
    Path top = SharedData.path("fixtures/drf/a_iq_int16_20k_gapped");
    URL natives = Hdf5.class.getResource("/org/bytedeco/hdf5/linux-x86_64/libhdf5.so.310");
    URL nativesJar = ((JarURLConnection) natives.openConnection()).getJarFileURL();
    URL[] cp = {codeSource(Hdf5.class), codeSource(Class.forName("hdf.hdf5lib.H5", false, getClass().getClassLoader())),
        nativesJar, codeSource(Rational.class), codeSource(org.slf4j.LoggerFactory.class)};
    // this class loader first
    try (DrfChannelReader r = DigitalRfReader.channel(top, "ch0")) {
      assertEquals(3, r.continuousBlocks().size());
    }
    Class<?> previous = Hdf5.class;
    for (int k = 0; k < 3; k++) {
      try (URLClassLoader loader = new URLClassLoader("job-" + k, cp, ClassLoader.getPlatformClassLoader())) {
        Class<?> readerClass = loader.loadClass(DigitalRfReader.class.getName());
        Class<?> hdf5 = loader.loadClass(Hdf5.class.getName());
        assertNotSame(previous, hdf5);
        previous = hdf5;
        Method channel = readerClass.getMethod("channel", Path.class, String.class);
        Object r = channel.invoke(null, top, "ch0");
        List<?> blocks = (List<?>) r.getClass().getMethod("continuousBlocks").invoke(r);
        assertEquals(3, blocks.size());
        Object s = r.getClass().getMethod("read", long.class, int.class).invoke(r, 34251984000000L, 1);
        assertEquals(2252.0, s.getClass().getMethod("component", long.class, int.class, int.class)
            .invoke(s, 34251984000000L, 0, 0));
        r.getClass().getMethod("close").invoke(r);
        // one lock object for the whole JVM, whatever the class loader
        assertEquals(System.identityHashCode(Hdf5.LOCK), System.identityHashCode(hdf5.getField("LOCK").get(null)));
      }
    }
  }
}
