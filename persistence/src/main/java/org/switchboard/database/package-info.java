/**
 * The master's database connection, chosen by configuration: a JDBC URL with its user and password (PostgreSQL in
 * production), or by default an H2 file database in a directory. The application server pools the connections
 * ({@code @DataSourceDefinition} on the master names {@link org.switchboard.database.ConfiguredDataSource}); the
 * persistence unit and the entities are the same whatever the database. Schema migration is out of scope here:
 * the persistence unit creates missing tables and columns at start.
 */
package org.switchboard.database;
