package invthink.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context from Confluent's {@code schema.registry.ssl.*} keys. */
final class RegistryTls {

    private RegistryTls() {
    }

    /** Empty when no trust or key store is configured: the JDK's defaults then apply. */
    static Optional<SSLContext> context(RegistryConfig config) {
        Optional<String> truststore = config.string(RegistryConfig.SSL_TRUSTSTORE_LOCATION);
        Optional<String> keystore = config.string(RegistryConfig.SSL_KEYSTORE_LOCATION);
        if (truststore.isEmpty() && keystore.isEmpty()) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory trust = null;
            if (truststore.isPresent()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(truststore.get(), config.string(RegistryConfig.SSL_TRUSTSTORE_TYPE),
                        config.string(RegistryConfig.SSL_TRUSTSTORE_PASSWORD)));
            }
            KeyManagerFactory keys = null;
            if (keystore.isPresent()) {
                Optional<String> storePassword = config.string(RegistryConfig.SSL_KEYSTORE_PASSWORD);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPassword = config.string(RegistryConfig.SSL_KEY_PASSWORD).or(() -> storePassword).orElse("");
                keys.init(load(keystore.get(), config.string(RegistryConfig.SSL_KEYSTORE_TYPE), storePassword),
                        keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return Optional.of(context);
        } catch (GeneralSecurityException | IOException e) {
            // The message names the store file, never its password.
            throw new IllegalArgumentException("could not set up TLS for the schema registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String location, Optional<String> type, Optional<String> password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type.orElse("JKS"));
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password.map(String::toCharArray).orElse(null));
        } catch (IOException e) {
            throw new IOException("cannot read key/trust store " + location + ": " + e.getMessage(), e);
        }
        return store;
    }
}
