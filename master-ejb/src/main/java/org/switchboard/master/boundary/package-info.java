/**
 * The load balancing master (patent: 16): the {@link org.switchboard.master.boundary.Master} singleton that receives
 * selection requests, chooses a processing server with {@link org.switchboard.selection.Selection}, has its agent
 * launch the program before the client's link exists, and keeps the fleet's view current from the agents' reports.
 * The records here are what it answers with. Out of scope: HTTP (the web module maps these to the public API).
 */
package org.switchboard.master.boundary;
