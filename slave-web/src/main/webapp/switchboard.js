// The browser client: start an application through the sessions API, then talk to it over the relay.
"use strict";

const $ = (id) => document.getElementById(id);
const api = new URL("api/v1/", document.baseURI);
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
    session = body;
    status(`Running ${body.app} as process ${body.pid} on ${body.server.name} (${body.server.location}),`
        + ` linked through ${body.slave.name}.`);
    connect(body.relay);
}

function connect(url) {
    const decoder = new TextDecoder();
    relay = new WebSocket(url);
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

async function end() {
    if (session) {
        const token = new URL(session.relay).searchParams.get("token");
        await fetch(new URL("sessions/" + session.id, api),
            {method: "DELETE", headers: {"Authorization": "Bearer " + token}});
        session = null;
    }
}

$("client").value = localStorage.getItem("switchboard.client") || "browser-" + Math.random().toString(36).slice(2, 8);
$("start").addEventListener("submit", (event) => start(event).catch((error) => status("Could not start: " + error)));
$("input").addEventListener("submit", send);
$("end").addEventListener("click", end);
loadApplications().catch((error) => status("Cannot reach Switchboard: " + error));
