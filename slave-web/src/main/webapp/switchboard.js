// The browser client: start an application through the sessions API, then link to it over the relay. A stdio
// program is shown in a terminal (xterm.js), a desktop in a remote desktop view (noVNC); for other tcp programs the
// page says how to reach them. The sessions started here are remembered in this browser (with their tokens, in
// localStorage), so that after a reload, or a link that dropped, the page attaches to the same program again.
import RFB from "./vendor/novnc/core/rfb.js";

const $ = (id) => document.getElementById(id);
const api = new URL("api/v1/", document.baseURI);
const STORE = "switchboard.sessions";
let session = null;
let view = null;

function status(text) {
    $("status").textContent = text;
}

function tokenOf(known) {
    return new URL(known.relay).searchParams.get("token");
}

function remembered() {
    return JSON.parse(localStorage.getItem(STORE) || "[]");
}

function remember(sessions) {
    localStorage.setItem(STORE, JSON.stringify(sessions));
    listSessions();
}

function listSessions() {
    const sessions = remembered();
    $("mine").hidden = sessions.length === 0;
    $("sessions").replaceChildren(...sessions.map((known) => {
        const item = document.createElement("li");
        item.dataset.session = known.id;
        const label = document.createElement("span");
        label.textContent = `${known.app}, process ${known.pid} on ${known.server}`;
        const attach = document.createElement("button");
        attach.textContent = "Attach";
        attach.className = "attach";
        attach.addEventListener("click", () => {
            status(`Attached to ${known.app}, process ${known.pid} on ${known.server}.`);
            link(known);
        });
        const end = document.createElement("button");
        end.textContent = "End";
        end.className = "end";
        end.addEventListener("click", () => endSession(known));
        item.append(label, attach, end);
        return item;
    }));
}

/** Forgets the sessions that ended meanwhile (their program exited, or they were ended elsewhere). */
async function pruneEnded() {
    const ended = new Set();
    for (const known of remembered()) {
        const response = await fetch(new URL("sessions/" + known.id, api),
            {headers: {"Authorization": "Bearer " + tokenOf(known)}});
        if (!response.ok || (await response.json()).state === "ended") {
            ended.add(known.id);
        }
    }
    if (ended.size > 0) { // else the list stays as it is, its buttons with it
        remember(remembered().filter((known) => !ended.has(known.id)));
    }
}

async function loadApplications() {
    const response = await fetch(new URL("applications", api));
    const apps = await response.json();
    $("app").replaceChildren(...apps.map((name) => new Option(name, name)));
    status(apps.length ? "" : "No processing server offers an application yet.");
}

/** The newest session of {@code app} started here for {@code client} that still runs, if any. */
async function runningSession(app, client) {
    for (const known of remembered().filter((k) => k.app === app && k.client === client).reverse()) {
        const response = await fetch(new URL("sessions/" + known.id, api),
            {headers: {Authorization: "Bearer " + tokenOf(known)}});
        if (response.ok && (await response.json()).state === "running") {
            return known;
        }
    }
    return null;
}

async function start(event) {
    event.preventDefault();
    localStorage.setItem("switchboard.client", $("client").value);
    // a client's request for an application it already runs attaches to that program, unless it asks for another
    const running = $("another").checked ? null : await runningSession($("app").value, $("client").value);
    if (running) {
        status(`Attached to your running ${running.app}, process ${running.pid} on ${running.server}`
            + ` (tick "another one" to start a new one).`);
        link(running);
        return;
    }
    status("Starting " + $("app").value + "…");
    // a redirect to another slave is followed by fetch itself: its Location carries the ticket
    const response = await fetch(new URL("sessions", api), {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({app: $("app").value, clientId: $("client").value, location: $("location").value || null})
    });
    const body = await response.json();
    if (!response.ok) {
        status("Could not start: " + body.reason);
        return;
    }
    const known = {id: body.id, app: body.app, client: body.clientId, kind: body.kind, pid: body.pid,
        server: body.server.name, relay: body.relay};
    remember([...remembered(), known]);
    status(`Running ${body.app} as process ${body.pid} on ${body.server.name} (${body.server.location}),`
        + ` linked through ${body.slave.name}.`);
    link(known);
}

/** Links the page to a session's program, in the view its kind calls for; the view before is closed. */
function link(known, as = known.kind) {
    unlink();
    session = known;
    $("linked").hidden = false;
    if (as === "desktop") {
        view = desktopView(known);
    } else if (as === "tcp") {
        view = tcpView(known);
    } else {
        view = terminalView(known); // stdio, and sessions remembered before the kind was
    }
}

function unlink() {
    if (view) {
        view.close();
        view = null;
    }
    session = null;
    for (const id of ["linked", "terminal", "desktop", "tcp"]) {
        $(id).hidden = true;
    }
}

/**
 * A stdio program in a terminal. Its standard input is a pipe, not a terminal, so the page does what a terminal in
 * line mode does: it echoes what is typed, lets the line be edited (Backspace, Ctrl-U) and sends it on Enter; Ctrl-D
 * on an empty line ends the program's input. The program's bytes are written to the terminal as they come.
 */
function terminalView(known) {
    const element = $("terminal");
    element.hidden = false;
    element.replaceChildren();
    const terminal = new Terminal({convertEol: true, cursorBlink: true, scrollback: 5000});
    const fit = new FitAddon.FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    fit.fit();
    const refit = () => fit.fit();
    window.addEventListener("resize", refit);

    const encoder = new TextEncoder();
    const relay = new WebSocket(known.relay);
    relay.binaryType = "arraybuffer";
    let line = "";
    const typed = terminal.onData((data) => {
        if (relay.readyState !== WebSocket.OPEN) {
            return;
        }
        for (const character of data) {
            if (character === "\r" || character === "\n") {
                terminal.write("\r\n");
                relay.send(encoder.encode(line + "\n"));
                line = "";
            } else if (character === "\x7f" || character === "\b") {
                if (line.length > 0) {
                    line = Array.from(line).slice(0, -1).join("");
                    terminal.write("\b \b");
                }
            } else if (character === "\x15") {
                terminal.write("\b \b".repeat(Array.from(line).length));
                line = "";
            } else if (character === "\x04" && line === "") {
                relay.close(1000, "end of input");
            } else if (character >= " ") {
                line += character;
                terminal.write(character);
            }
        }
    });
    relay.onopen = () => {
        element.dataset.linked = "true";
        terminal.focus();
    };
    relay.onmessage = (message) => terminal.write(typeof message.data === "string"
        ? message.data : new Uint8Array(message.data));
    relay.onclose = () => {
        delete element.dataset.linked;
        terminal.options.disableStdin = true;
        terminal.options.cursorBlink = false;
        status("The program's link is closed.");
    };
    return {
        close() {
            delete element.dataset.linked;
            relay.onclose = null;
            relay.close();
            typed.dispose();
            window.removeEventListener("resize", refit);
            terminal.dispose();
        }
    };
}

/** A remote desktop: noVNC speaks RFB over the relay, which carries the program's bytes as they are. */
function desktopView(known) {
    const element = $("desktop");
    element.hidden = false;
    element.replaceChildren();
    const rfb = new RFB(element, known.relay);
    rfb.scaleViewport = true;
    let linked = true;
    let closing = false;
    rfb.addEventListener("connect", () => {
        element.dataset.linked = "true";
        status(`Showing the remote desktop of ${known.app}, process ${known.pid} on ${known.server}.`);
    });
    rfb.addEventListener("disconnect", (event) => {
        linked = false;
        delete element.dataset.linked;
        if (closing) {
            return;
        }
        status(event.detail.clean ? "The remote desktop's link is closed."
            : "The remote desktop's link failed (is the program a VNC server?).");
    });
    rfb.addEventListener("securityfailure", (event) => status("The remote desktop refused the page: "
        + (event.detail.reason || "security failure")));
    return {
        close() {
            closing = true;
            delete element.dataset.linked;
            if (linked) {
                rfb.disconnect();
            }
        }
    };
}

/** A tcp program the page cannot show: how to reach one, and the choice to show it as a remote desktop after all. */
function tcpView(known) {
    $("tcp").hidden = false;
    $("forward").textContent = `switchboard run ${known.app} --forward 7000`;
    $("as-desktop").onclick = () => link(known, "desktop");
    return {close() {}};
}

async function endSession(known) {
    await fetch(new URL("sessions/" + known.id, api),
        {method: "DELETE", headers: {"Authorization": "Bearer " + tokenOf(known)}});
    remember(remembered().filter((other) => other.id !== known.id));
    if (session && session.id === known.id) {
        unlink();
    }
}

$("client").value = localStorage.getItem("switchboard.client") || "browser-" + Math.random().toString(36).slice(2, 8);
$("start").addEventListener("submit", (event) => start(event).catch((error) => status("Could not start: " + error)));
$("end").addEventListener("click", () => session && endSession(session));
listSessions();
loadApplications().then(pruneEnded).catch((error) => status("Cannot reach Switchboard: " + error));
