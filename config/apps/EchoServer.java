import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A catalog demo program: listens on 127.0.0.1:{port} and sends every connection's bytes back to it. */
public class EchoServer {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket connection = server.accept();
                new Thread(() -> echo(connection)).start();
            }
        }
    }

    private static void echo(Socket connection) {
        byte[] buffer = new byte[64 * 1024];
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }
}
