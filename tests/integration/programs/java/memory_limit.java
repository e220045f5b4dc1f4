import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public class Main {
  public static void main(String[] args) {
    List<byte[]> chunks = new ArrayList<>();
    while (chunks.size() < 4096) {
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) (chunks.size() % 251 + 1));
      chunks.add(chunk);
    }
    System.out.println(chunks.size());
  }
}
