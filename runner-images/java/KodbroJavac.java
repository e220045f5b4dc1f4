import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The judge's Java compile step: compiles the submission as javac would, then
 * finds the class that holds main in the compiled classes themselves, whatever
 * its name and visibility (a non-public {@code class TestHello} saved as
 * Main.java, a main in an interface or a record, a class in a package). Its
 * binary name is written to {@value #ARGFILE}, which the run step passes to the
 * java launcher as an @argfile. One JVM does both, so finding main costs no
 * second start-up.
 *
 * Candidate classes are loaded without being initialised, so no candidate code
 * runs here. This is not a trust boundary: it runs as the candidate, in the
 * candidate's box, and can only affect that submission.
 */
public final class KodbroJavac {
    static final String ARGFILE = ".kodbro-main";
    private static final int MAX_CLASS_FILES = 10_000;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KodbroJavac <source.java>");
            System.exit(2);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-encoding", "UTF-8", "-d", ".", args[0]);
        if (status != 0) System.exit(status);

        Path root = Path.of(".").toAbsolutePath().normalize();
        String main = chooseMain(classesWithMain(root));
        if (main == null) {
            System.err.println(args[0] + ": error: no class has a method public static void main(String[] args)");
            System.exit(1);
        }
        Files.writeString(root.resolve(ARGFILE), main + "\n", StandardCharsets.UTF_8);
    }

    /** A class that holds a launchable main. */
    record Candidate(String name, boolean topLevel, boolean isPublic) {}

    static List<Candidate> classesWithMain(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 32)) {
            files.filter(p -> p.getFileName().toString().endsWith(".class"))
                .filter(p -> !root.relativize(p).toString().startsWith("."))
                .limit(MAX_CLASS_FILES)
                .forEach(p -> names.add(binaryName(root.relativize(p))));
        }
        List<Candidate> found = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                try {
                    Class<?> type = Class.forName(name, false, loader);
                    if (!hasLaunchableMain(type)) continue;
                    boolean topLevel = type.getDeclaringClass() == null && !type.isLocalClass() && !type.isAnonymousClass();
                    found.add(new Candidate(name, topLevel, Modifier.isPublic(type.getModifiers())));
                } catch (ReflectiveOperationException | LinkageError | SecurityException skipped) {
                    // A class that cannot be loaded cannot be launched either.
                }
            }
        }
        return found;
    }

    /** What the java launcher asks of main: public, static, void, one String[] parameter. */
    static boolean hasLaunchableMain(Class<?> type) {
        try {
            Method main = type.getDeclaredMethod("main", String[].class);
            int modifiers = main.getModifiers();
            return Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && main.getReturnType() == void.class;
        } catch (NoSuchMethodException absent) {
            return false;
        }
    }

    /** Top-level before nested, public before not, one called Main before others, then by name: the same answer every time. */
    static String chooseMain(List<Candidate> candidates) {
        return candidates.stream()
            .min(Comparator.comparing((Candidate c) -> !c.topLevel())
                .thenComparing(c -> !c.isPublic())
                .thenComparing(c -> !simpleName(c.name()).equals("Main"))
                .thenComparing(Candidate::name))
            .map(Candidate::name)
            .orElse(null);
    }

    static String simpleName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1);
    }

    static String binaryName(Path relative) {
        String path = relative.toString();
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
