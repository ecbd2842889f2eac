/** The operators' API: servers with their latest load and state, sessions, request history, drain and undrain. */
package org.switchboard.web.admin;
