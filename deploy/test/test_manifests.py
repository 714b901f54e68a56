"""The deploy/ manifests, parsed into Kubernetes' own models and cross-checked with CNE.

Run by `make test-deploy` (in a venv with the `kubernetes` client from PyPI). Each kustomization
is built the way `kubectl kustomize` builds it, for the subset deploy/ uses (resources,
configMapGenerator with files and behavior, namespace, JSON 6902 patches); every object is then
deserialized into the client's model (V1Pod, V1ConfigMap, V1ObjectMeta) and serialized back: a
field the model does not know (a typo, a wrong level) comes back missing and fails the test.

What the pod must agree with, and where that rule comes from:
- the device plugin (redhat-et/afxdp-plugins-for-kubernetes b4a5035): resource afxdp/<pool>
  (poolManager.go l.345), variable AFXDP_DEVICES_<POOL> (l.286), pool names alphanumeric 1..20
  and uid 1000..256000 (configFile.go l.193-229), modes primary|cdq and udsTimeout 30..300 or
  0/-1 (constants.go l.21, l.77-78), the pod's sockets under /tmp/afxdp_dp (constants.go l.83),
  the pod named on /connect (udsserver.go l.178-199: no spec.hostname), ConfigMap
  afxdp-dp-config / config.json in kube-system (deployments/daemonset.yml);
- CNE: the socket directory (Sources/CNE/Config/DevicePluginEnvironment.swift, and
  UDSC_POD_DIR in headers/uds_connect.h), the template lport "AFXDP_DEVICES:<suffix>" in the
  config, the image's tag and config path (deploy/image/build.sh), the metrics endpoint's
  contract (--metrics-address, --metrics-port, GET /livez and /readyz).
"""

import copy
import json
import os
import re
import unittest

import yaml
from kubernetes import client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEPLOY = os.path.join(ROOT, "deploy")
API = client.ApiClient()
MODELS = {("v1", "Pod"): "V1Pod", ("v1", "ConfigMap"): "V1ConfigMap"}


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def kustomize(directory):
    """The objects `kubectl kustomize directory` prints, for the features deploy/ uses."""
    with open(os.path.join(directory, "kustomization.yaml"), encoding="utf-8") as f:
        k = yaml.safe_load(f)
    known = {"apiVersion", "kind", "resources", "configMapGenerator", "generatorOptions", "namespace", "patches"}
    unknown = set(k) - known
    if unknown:
        raise AssertionError(f"{directory}: kustomization fields this test does not build: {sorted(unknown)}")
    objects = []
    for resource in k.get("resources", []):
        path = os.path.normpath(os.path.join(directory, resource))
        if os.path.isdir(path):
            objects += kustomize(path)
        else:
            with open(path, encoding="utf-8") as f:
                objects += [o for o in yaml.safe_load_all(f) if o]
    hashless = k.get("generatorOptions", {}).get("disableNameSuffixHash", False)
    for gen in k.get("configMapGenerator", []):
        if not hashless:
            raise AssertionError("name suffix hashes would rename the ConfigMaps the pods and DaemonSet name")
        data = {}
        for file in gen["files"]:
            key, _, source = file.partition("=")
            source = source or key
            with open(os.path.join(directory, source), encoding="utf-8") as f:
                data[os.path.basename(key)] = f.read()
        cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": gen["name"]}, "data": data}
        if "namespace" in gen:
            cm["metadata"]["namespace"] = gen["namespace"]
        behavior = gen.get("behavior", "create")
        same = [o for o in objects if o["kind"] == "ConfigMap" and o["metadata"]["name"] == gen["name"]]
        if behavior == "replace":
            if len(same) != 1:
                raise AssertionError(f"{directory}: replaces ConfigMap {gen['name']}, found {len(same)}")
            cm["metadata"].setdefault("namespace", same[0]["metadata"].get("namespace"))
            objects[objects.index(same[0])] = cm
        elif same:
            raise AssertionError(f"{directory}: ConfigMap {gen['name']} made twice")
        else:
            objects.append(cm)
    if "namespace" in k:
        for o in objects:
            o["metadata"]["namespace"] = k["namespace"]
    for patch in k.get("patches", []):
        target = patch["target"]
        hits = [o for o in objects if o["kind"] == target["kind"] and o["metadata"]["name"] == target["name"]]
        if len(hits) != 1:
            raise AssertionError(f"{directory}: patch target {target} matches {len(hits)} objects")
        for op in yaml.safe_load(patch["patch"]):
            apply_json_patch(hits[0], op)
    return objects


def apply_json_patch(obj, op):
    parts = [p.replace("~1", "/").replace("~0", "~") for p in op["path"].split("/")[1:]]
    parent = obj
    for p in parts[:-1]:
        parent = parent[int(p)] if isinstance(parent, list) else parent[p]
    if op["op"] == "replace":
        if parts[-1] not in parent:
            raise AssertionError(f"patch replaces {op['path']}, which is not there")
        parent[parts[-1]] = op["value"]
    elif op["op"] == "add":
        parent[parts[-1]] = op["value"]
    else:
        raise AssertionError(f"patch op {op['op']} is not built by this test")


def model(obj):
    """The client's model of obj; fails when a field of obj is not in the model."""
    kind = MODELS.get((obj["apiVersion"], obj["kind"]))
    if kind is None:
        return None
    parsed = API._ApiClient__deserialize(copy.deepcopy(obj), kind)
    back = API.sanitize_for_serialization(parsed)
    missing = diff(obj, back)
    if missing:
        raise AssertionError(f"{obj['kind']} {obj['metadata']['name']}: fields the model does not know: {missing}")
    return parsed


def diff(original, back, path=""):
    """Paths present in original but lost (or changed) in back."""
    if isinstance(original, dict):
        out = []
        for key, value in original.items():
            if not isinstance(back, dict) or key not in back:
                out.append(f"{path}.{key}")
            else:
                out += diff(value, back[key], f"{path}.{key}")
        return out
    if isinstance(original, list):
        if not isinstance(back, list) or len(back) != len(original):
            return [path]
        return [p for i, v in enumerate(original) for p in diff(v, back[i], f"{path}[{i}]")]
    return [] if original == back or str(original) == str(back) else [path]


def one(objects, kind, name=None):
    hits = [o for o in objects if o["kind"] == kind and (name is None or o["metadata"]["name"] == name)]
    assert len(hits) == 1, f"expected one {kind} {name or ''}, found {len(hits)}"
    return hits[0]


def arg(args, flag):
    i = args.index(flag)
    return args[i + 1]


class ManifestTests(unittest.TestCase):
    layouts = {name: kustomize(os.path.join(DEPLOY, path)) for name, path in [
        ("base", "base"), ("device-plugin", "device-plugin"), ("pinned-map", "overlays/pinned-map")]}

    def test_every_object_parses_into_the_clients_models(self):
        for name, objects in self.layouts.items():
            for obj in objects:
                with self.subTest(layout=name, object=f"{obj['kind']}/{obj['metadata']['name']}"):
                    client.V1ObjectMeta(**obj["metadata"])  # every object: valid metadata
                    if (obj["apiVersion"], obj["kind"]) in MODELS:
                        self.assertIsNotNone(model(obj))
                    else:
                        self.assertEqual((obj["apiVersion"], obj["kind"]), ("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition"))

    def test_the_model_check_catches_a_misplaced_field(self):
        pod = copy.deepcopy(one(self.layouts["base"], "Pod"))
        pod["spec"]["containers"][0]["capabilities"] = {"add": ["NET_RAW"]}  # belongs in securityContext
        with self.assertRaises(AssertionError):
            model(pod)

    def plugin_config(self, layout):
        cm = model(one(self.layouts[layout], "ConfigMap", "afxdp-dp-config"))
        self.assertEqual(cm.metadata.namespace, "kube-system", "the plugin's DaemonSet reads it from kube-system")
        return json.loads(cm.data["config.json"])

    def test_the_plugin_config_is_one_the_plugin_accepts(self):
        for layout in self.layouts:
            if not any(o["metadata"]["name"] == "afxdp-dp-config" for o in self.layouts[layout]):
                continue
            config = self.plugin_config(layout)
            for pool in config["pools"]:
                with self.subTest(layout=layout, pool=pool["name"]):
                    self.assertRegex(pool["name"], r"^[A-Za-z0-9]{1,20}$")
                    self.assertIn(pool["mode"], ["primary", "cdq"])
                    self.assertTrue(pool.get("drivers") or pool.get("devices") or pool.get("nodes"))
                    timeout = pool.get("udsTimeout", 0)
                    self.assertTrue(timeout in (0, -1) or 30 <= timeout <= 300, timeout)
                    self.assertTrue(1000 <= pool["uid"] <= 256000, "a pool uid the plugin accepts")
                    if pool.get("udsServerDisable"):
                        self.assertTrue(pool.get("bpfMapPinningEnable"), "no socket and no pin: no XSKMAP for the pod")

    def check_pod(self, layout):
        objects = self.layouts[layout]
        pod = model(one(objects, "Pod"))
        nad = one(objects, "NetworkAttachmentDefinition")
        pool = self.plugin_config(layout)["pools"][0] if layout != "base" else \
            self.plugin_config("device-plugin")["pools"][0]
        c = pod.spec.containers[0]
        resource = f"afxdp/{pool['name']}"

        # Resources: the plugin's resource, requests == limits, one network per device.
        self.assertEqual(nad["metadata"]["annotations"]["k8s.v1.cni.cncf.io/resourceName"], resource)
        self.assertEqual(c.resources.requests[resource], c.resources.limits[resource])
        devices = int(c.resources.requests[resource])
        networks = [n.strip() for n in pod.metadata.annotations["k8s.v1.cni.cncf.io/networks"].split(",")]
        self.assertEqual(networks, [nad["metadata"]["name"]] * devices)
        cni = json.loads(nad["spec"]["config"])
        self.assertEqual((cni["type"], cni["mode"]), ("afxdp", pool["mode"]))

        # The variable the plugin sets is one CNE reads: AFXDP_DEVICES_ + upper-cased pool name.
        variable = "AFXDP_DEVICES_" + pool["name"].upper()
        self.assertRegex(variable, r"^AFXDP_DEVICES_[A-Z0-9]{1,20}$")
        self.assertFalse([e for e in (c.env or []) if e.name.startswith("AFXDP_DEVICES")], "set by the plugin only")

        # The sockets: /tmp/afxdp_dp in the pod, where CNE looks, not hidden by a volume.
        swift = read("Sources/CNE/Config/DevicePluginEnvironment.swift")
        self.assertIn('directory: "/tmp/afxdp_dp"', swift)
        self.assertRegex(read("headers/uds_connect.h"), r'#define UDSC_POD_DIR "/tmp/afxdp_dp"')
        for mount in c.volume_mounts or []:
            self.assertFalse("/tmp/afxdp_dp".startswith(mount.mount_path.rstrip("/") + "/")
                             or mount.mount_path.startswith("/tmp/afxdp_dp"), mount.mount_path)

        # The plugin checks /connect,<hostname> against the pod's name.
        self.assertIsNone(pod.spec.hostname)
        self.assertFalse(pod.spec.set_hostname_as_fqdn)

        # The user: the pool's uid, which the plugin gives the sockets to; non-root.
        self.assertEqual(pod.spec.security_context.run_as_user, pool["uid"])
        self.assertTrue(pod.spec.security_context.run_as_non_root)

        # Capabilities: NET_RAW and IPC_LOCK only, as file capabilities (no no_new_privs).
        sc = c.security_context
        self.assertEqual(sc.capabilities.drop, ["ALL"])
        self.assertEqual(sorted(sc.capabilities.add), ["IPC_LOCK", "NET_RAW"])
        self.assertNotEqual(sc.allow_privilege_escalation, False)
        self.assertFalse(sc.privileged)

        # The image and its config: the tag build.sh makes; --config in the ConfigMap volume.
        build = read("deploy/image/build.sh")
        self.assertIn(f"tag={c.image}\n", build)
        config_path = arg(c.args, "--config")
        mount = [m for m in c.volume_mounts if config_path.startswith(m.mount_path.rstrip("/") + "/")]
        self.assertEqual(len(mount), 1)
        volume = [v for v in pod.spec.volumes if v.name == mount[0].name][0]
        cm = model(one(objects, "ConfigMap", volume.config_map.name))
        config_text = cm.data[os.path.basename(config_path)]
        self.assertRegex(config_text, r'"AFXDP_DEVICES:[^"]*"\s*:', "a template lport for the plugin's devices")
        qids = [int(q) for q in re.findall(r'"qid"\s*:\s*(\d+)', config_text)]
        combined = re.search(r"-L -device- combined (\d+)", nad["spec"]["config"])
        if combined:
            self.assertTrue(all(q < int(combined.group(1)) for q in qids), "lport queues exist after ethtool -L")

        # Probes against the runtime's metrics endpoint (GET /livez, /readyz on --metrics-port).
        self.assertEqual(arg(c.args, "--metrics-address"), "0.0.0.0", "probes come from the node")
        port = int(arg(c.args, "--metrics-port"))
        named = {p.name: p.container_port for p in c.ports}
        for probe, path in [(c.liveness_probe, "/livez"), (c.readiness_probe, "/readyz")]:
            self.assertEqual(probe.http_get.path, path)
            self.assertEqual(named.get(probe.http_get.port, probe.http_get.port), port)
        return pod, pool

    def test_the_base_pod_agrees_with_the_plugin_and_cne(self):
        pod, pool = self.check_pod("base")
        self.assertEqual(pod.spec.restart_policy, "Never", "UDS mode: one session per Allocate")
        self.assertFalse(pool.get("udsServerDisable"))

    def test_the_pinned_map_overlay_agrees_too(self):
        pod, pool = self.check_pod("pinned-map")
        self.assertTrue(pool["bpfMapPinningEnable"] and pool["udsServerDisable"])
        self.assertEqual(pod.spec.restart_policy, "OnFailure", "pins outlive a container restart")

    def test_the_image_config_in_the_configmap_is_the_image_default(self):
        cm = one(self.layouts["base"], "ConfigMap", "cne-echo-config")
        self.assertEqual(cm["data"]["cne-echo.jsonc"], read("deploy/base/cne-echo.jsonc"))
        self.assertIn('"$root/deploy/base/cne-echo.jsonc" "$rootfs/etc/cne/cne-echo.jsonc"', read("deploy/image/build.sh"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
