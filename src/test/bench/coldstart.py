#!/usr/bin/env python3
"""Cold start of a Portero node: the first reads after ready against the same reads warm (issue 8).

Start a node, then at once:  coldstart.py --url http://127.0.0.1:8093 --pid PID
It waits for /health/ready, logs in once, times N reads of /api/session-status/ over C keep-alive
connections, idles, reads N more (warm), and prints one JSON line: wall time and the server's CPU
per read (from /proc/PID/stat) for both, and their ratio. Standard library only; loopback only.
"""
import argparse, http.client, json, os, threading, time, urllib.parse

def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def reads(host, port, token, total, connections):
    per, failures = total // connections, []
    def run():
        c = http.client.HTTPConnection(host, port, timeout=30)
        for _ in range(per):
            c.request("GET", "/api/session-status/", headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
            r = c.getresponse(); r.read()
            if r.status != 200:
                failures.append(r.status)
        c.close()
    threads = [threading.Thread(target=run) for _ in range(connections)]
    start = time.monotonic()
    for t in threads: t.start()
    for t in threads: t.join()
    return time.monotonic() - start, per * connections, failures

def main():
    a = argparse.ArgumentParser()
    a.add_argument("--url", required=True); a.add_argument("--pid", type=int, required=True)
    a.add_argument("--user", default="benchuser1"); a.add_argument("--password", default="bench-pass-123")
    a.add_argument("--reads", type=int, default=1000); a.add_argument("--connections", type=int, default=4)
    a.add_argument("--idle", type=float, default=40)
    o = a.parse_args()
    u = urllib.parse.urlparse(o.url)
    assert u.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
    begun = time.monotonic()
    while True:
        try:
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=5); c.request("GET", "/health/ready")
            if c.getresponse().status == 200: break
        except OSError:
            pass
        time.sleep(0.2)
    ready_after = time.monotonic() - begun
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    c.request("POST", "/api/token/", json.dumps({"username": o.user, "password": o.password}),
              {"Content-Type": "application/json", "Accept": "application/json"})
    r = c.getresponse(); body = json.loads(r.read())
    assert r.status == 200, (r.status, body)
    token = body["access"]
    result = {"ready_wait_s": round(ready_after, 2)}
    for phase in ("first", "warm"):
        if phase == "warm":
            time.sleep(o.idle)
        cpu0 = cpu_seconds(o.pid)
        wall, n, failures = reads(u.hostname, u.port, token, o.reads, o.connections)
        cpu = cpu_seconds(o.pid) - cpu0
        result[phase] = {"wall_s": round(wall, 3), "reads": n, "non_200": len(failures),
                         "server_cpu_ms_per_read": round(cpu * 1000 / n, 3)}
    result["ratio_wall"] = round(result["first"]["wall_s"] / result["warm"]["wall_s"], 2)
    c.request("POST", "/api/logout/", "{}", {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    c.getresponse().read()
    print(json.dumps(result))

if __name__ == "__main__":
    main()
