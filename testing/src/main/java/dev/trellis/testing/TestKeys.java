package dev.trellis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;

/** An RS256 key pair generated once per test JVM and written as PEM files (tests never use the dev keys). */
public final class TestKeys {
    private static KeyPair pair;
    private static Path dir;

    public static synchronized Path publicKeyFile() {
        init();
        return dir.resolve("publicKey.pem");
    }

    public static synchronized Path privateKeyFile() {
        init();
        return dir.resolve("privateKey.pem");
    }

    public static synchronized PrivateKey privateKey() {
        init();
        return pair.getPrivate();
    }

    private static void init() {
        if (pair != null) {
            return;
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            pair = g.generateKeyPair();
            dir = Files.createTempDirectory("trellis-test-keys");
            Files.writeString(dir.resolve("publicKey.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(dir.resolve("privateKey.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }

    private TestKeys() {
    }
}
