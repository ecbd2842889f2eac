// The browser client: start an application through the sessions API, then talk to it over the relay. The sessions
// started here are remembered in this browser (with their tokens, in localStorage), so that after a reload, or a link
// that dropped, the page attaches to the same program again.
"use strict";

const $ = (id) => document.getElementById(id);
const api = new URL("api/v1/", document.baseURI);
const STORE = "switchboard.sessions";
let session = null;
let relay = null;

function status(text) {
    $("status").textContent = text;
}

function show(text) {
    const output = $("output");
    output.textContent += text;
    output.scrollTop = output.scrollHeight;
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
    const sessions = remembered();
    const running = [];
    for (const known of sessions) {
        const response = await fetch(new URL("sessions/" + known.id, api),
            {headers: {"Authorization": "Bearer " + tokenOf(known)}});
        if (response.ok && (await response.json()).state !== "ended") {
            running.push(known);
        }
    }
    remember(running);
}

async function loadApplications() {
    const response = await fetch(new URL("applications", api));
    const apps = await response.json();
    $("app").replaceChildren(...apps.map((name) => new Option(name, name)));
    status(apps.length ? "" : "No processing server offers an application yet.");
}

async function start(event) {
    event.preventDefault();
    localStorage.setItem("switchboard.client", $("client").value);
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
    const known = {id: body.id, app: body.app, pid: body.pid, server: body.server.name, relay: body.relay};
    remember([...remembered(), known]);
    status(`Running ${body.app} as process ${body.pid} on ${body.server.name} (${body.server.location}),`
        + ` linked through ${body.slave.name}.`);
    link(known);
}

/** Links the page to a session's program: a new relay, the one before closed. */
function link(known) {
    if (relay) {
        relay.onclose = null;
        relay.close();
    }
    session = known;
    $("output").textContent = "";
    const decoder = new TextDecoder();
    relay = new WebSocket(known.relay);
    relay.binaryType = "arraybuffer";
    relay.onopen = () => { $("input").hidden = false; $("line").focus(); };
    relay.onmessage = (message) => show(typeof message.data === "string"
        ? message.data : decoder.decode(message.data, {stream: true}));
    relay.onclose = () => { $("input").hidden = true; status("The program's link is closed."); };
}

function send(event) {
    event.preventDefault();
    relay.send(new TextEncoder().encode($("line").value + "\n"));
    $("line").value = "";
}

async function endSession(known) {
    await fetch(new URL("sessions/" + known.id, api),
        {method: "DELETE", headers: {"Authorization": "Bearer " + tokenOf(known)}});
    remember(remembered().filter((other) => other.id !== known.id));
    if (session && session.id === known.id) {
        session = null;
    }
}

$("client").value = localStorage.getItem("switchboard.client") || "browser-" + Math.random().toString(36).slice(2, 8);
$("start").addEventListener("submit", (event) => start(event).catch((error) => status("Could not start: " + error)));
$("input").addEventListener("submit", send);
$("end").addEventListener("click", () => session && endSession(session));
listSessions();
loadApplications().then(pruneEnded).catch((error) => status("Cannot reach Switchboard: " + error));
