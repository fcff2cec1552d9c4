package io.lendx.http;

import io.lendx.validation.Sha256;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The named operations that ship in the jar ({@code graphql/operations/**.graphql}, the ones the
 * README quotes and the tests execute), by the SHA-256 of their text: the allow-list of
 * {@link PersistedQueries}.
 */
@Singleton
public class ShippedOperations {

    static final String DIRECTORY = "graphql/operations";

    /** Hash (lowercase hex) → document text. */
    public Map<String, String> byHash() {
        URL root = ShippedOperations.class.getClassLoader().getResource(DIRECTORY);
        if (root == null) {
            throw new IllegalStateException(DIRECTORY + " is missing from the classpath");
        }
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                return readJar(uri);
            }
            return read(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inside the packaged jar: opened as a file system for the walk (unless something else has it open). */
    private static Map<String, String> readJar(URI uri) throws IOException {
        FileSystem jar;
        boolean openedHere;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
            openedHere = true;
        } catch (FileSystemAlreadyExistsException open) {
            jar = FileSystems.getFileSystem(uri);
            openedHere = false;
        }
        try {
            return read(jar.provider().getPath(uri));
        } finally {
            if (openedHere) {
                jar.close();
            }
        }
    }

    private static Map<String, String> read(Path directory) throws IOException {
        Map<String, String> byHash = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(path -> path.toString().endsWith(".graphql")).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            byHash.put(Sha256.hex(text), text);
        }
        return Map.copyOf(byHash);
    }
}
