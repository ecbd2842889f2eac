package org.switchboard.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections to the database of the {@link DatabaseSettings}, through whichever JDBC driver accepts its URL: the
 * drivers packaged with the application (PostgreSQL's) and the server's own (H2's). The application server creates
 * it for its connection pool and asks it for each physical connection; it keeps no connections itself.
 */
public class ConfiguredDataSource implements DataSource {

    private final DatabaseSettings settings = DatabaseSettings.fromConfig();
    private volatile Driver driver;
    private PrintWriter logWriter;
    private int loginTimeoutSeconds;

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(settings.user(), settings.password());
    }

    /** A connection as {@code user}; the configured user and password stand in for what is not given. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties properties = new Properties();
        String login = user != null ? user : settings.user();
        String secret = user != null ? password : settings.password();
        if (login != null) {
            properties.setProperty("user", login);
        }
        if (secret != null) {
            properties.setProperty("password", secret);
        }
        Connection connection = driver().connect(settings.url(), properties);
        if (connection == null) {
            throw new SQLException("the JDBC driver " + driver.getClass().getName() + " refused " + settings);
        }
        return connection;
    }

    private Driver driver() throws SQLException {
        if (driver == null) {
            driver = find(settings.url());
        }
        return driver;
    }

    private static Driver find(String url) throws SQLException {
        try {
            for (Driver candidate : ServiceLoader.load(Driver.class, ConfiguredDataSource.class.getClassLoader())) {
                if (candidate.acceptsURL(url)) {
                    return candidate;
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new SQLException("cannot load the JDBC drivers: " + e.getMessage(), e);
        }
        return DriverManager.getDriver(url);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
