"""moto's server, with the two fixes wellscan's tests need to talk to it through aws-sdk-rust.

1. CloudWatch: the Rust SDK speaks Smithy RPC v2 CBOR
   (POST /service/GraniteServiceVersion20100801/operation/<Op>); moto speaks CloudWatch's JSON
   protocol. Requests are decoded from CBOR, handed to moto as JSON-protocol requests, and the
   answers re-encoded as CBOR, timestamps as CBOR tag 1.
   When moto enforces IAM (INITIAL_NO_AUTH_ACTION_COUNT), the rewritten request is signed
   again with the caller's own key, which moto knows, so moto's signature check still holds.
2. S3 GetBucketVersioning: moto answers with the root element GetBucketVersioningResponse;
   the SDK expects VersioningConfiguration.
3. DynamoDB: a conditional write is atomic in DynamoDB; moto checks the condition and writes
   without a lock, so two racing writers could both pass. DynamoDB requests are answered one at
   a time, which gives moto the service's guarantee.

4. AWS Backup resource assignments (CreateBackupSelection, ListBackupSelections,
   GetBackupSelection), which moto does not emulate: a small REST-JSON fake over
   /backup/plans/{planId}/selections/, keeping what was created by plan.

5. STS AssumeRole: moto lets anyone assume any role ARN, even one that does not exist. AWS
   refuses a role that is not there and one whose trust policy asks for an external id the
   caller did not give (AccessDenied); the emulator does the same, so an organisation member
   without the scan role is unreachable, as in AWS.

6. CloudFormation: moto's stacks keep an IAM role's inline policies and a KMS key's policy as
   objects where moto's own APIs expect JSON text, so reading them back fails; they are stored
   as text, as AWS does, and a stack of wellscan's deployment can be scanned.

7. Warm-up: moto imports a service's code on its first request, under one lock that holds every
   other request (ELBv2 alone takes over a second). A background thread imports the services
   wellscan calls as soon as the server starts, outside that lock, so a scan's first seconds
   measure wellscan, not moto's imports.

8. Route 53 DNSSEC signing (EnableHostedZoneDNSSEC), which moto does not emulate: its
   GetDNSSEC answers NOT_SIGNING for every zone. A zone signing is enabled for answers SIGNING
   from then on; the key-signing key AWS wants first is not modelled.

9. Systems Manager fleet (DescribeInstanceInformation, DescribeInstancePatchStates), which
   moto does not emulate: in AWS an instance appears when its SSM Agent registers and its patch
   state when Patch Manager scans it, neither of which a test can do through an API. A test
   plays the agent with POST /wellscan-emulator/ssm/{region}/instances (one instance's
   InstanceInformation, its patch state under "PatchState"); both operations answer from
   that, in the service's JSON shapes, paged by NextToken, refusing more than 50 instance ids.

10. Cost Optimization Hub (ListEnrollmentStatuses, ListRecommendations), which moto does not
    emulate: AWS computes the recommendations from weeks of usage. A test sets the account's
    enrolment and recommendations with POST /wellscan-emulator/cost-optimization-hub
    ({"status": "Active", "recommendations": [...]}, each as ListRecommendations answers it);
    both operations answer from that in the service's JSON shapes, paged by nextToken. Until
    then the account is not enrolled.

Run: python wellscan_emulator.py --host 127.0.0.1 --port 5000
"""

import argparse
import importlib
import datetime
import io
import json
import re
import threading
import time
import uuid
from urllib.parse import parse_qs

import cbor2
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

CBOR_PREFIX = "/service/GraniteServiceVersion20100801/operation/"
JSON_TARGET = "GraniteServiceVersion20100801."
DYNAMODB_TARGET = "DynamoDB_"
SELECTIONS = re.compile(r"^/backup/plans/([^/]+)/selections/?([^/]*)$")
DNSSEC = re.compile(r"^/2013-04-01/hostedzone/([^/]+)/(enable-dnssec|dnssec)/?$")
ROUTE53_NS = "https://route53.amazonaws.com/doc/2013-04-01/"
SSM_AGENT = re.compile(r"^/wellscan-emulator/ssm/([a-z0-9-]+)/instances/?$")
SSM_TARGET = "AmazonSSM."
SSM_FAKED = {"DescribeInstanceInformation", "DescribeInstancePatchStates"}
HUB_SEED = "/wellscan-emulator/cost-optimization-hub"
HUB_TARGET = "CostOptimizationHubService."

# CloudWatch members that are timestamps (JSON numbers or strings; CBOR tag 1).
TIMESTAMP_KEYS = {
    "Timestamp",
    "Timestamps",
    "StartTime",
    "EndTime",
    "StateUpdatedTimestamp",
    "StateTransitionedTimestamp",
    "AlarmConfigurationUpdatedTimestamp",
    "LastModified",
    "LastUpdateDate",
    "CreationDate",
}


def to_epoch(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.timestamp()
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=datetime.timezone.utc)
        return parsed.timestamp()
    return value


def request_to_json(value):
    """CBOR request data (datetimes from tag 1) to JSON-protocol data (epoch seconds)."""
    if isinstance(value, dict):
        return {k: request_to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [request_to_json(v) for v in value]
    if isinstance(value, datetime.datetime):
        return to_epoch(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def response_to_cbor(value, key=None):
    """JSON answer data to CBOR data, timestamps as tag 1."""
    if isinstance(value, dict):
        return {k: response_to_cbor(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [response_to_cbor(v, key) for v in value]
    if key in TIMESTAMP_KEYS and value is not None:
        epoch = to_epoch(value)
        if isinstance(epoch, (int, float)):
            return cbor2.CBORTag(1, float(epoch))
    return value


def secret_for(access_key_id):
    """The secret of an access key moto issued, or None."""
    from moto.iam.models import get_account_id_from, iam_backends

    account = get_account_id_from(access_key_id)
    for backend in iam_backends[account].values():
        for user in backend.list_users("/", None, None):
            for key in user.access_keys:
                if key.access_key_id == access_key_id:
                    return key.secret_access_key
    return None


def resign(environ, body):
    """Signs a rewritten request again with the key that signed the original."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    auth = environ.get("HTTP_AUTHORIZATION", "")
    try:
        scope = auth.split("Credential=", 1)[1].split(",", 1)[0]
        key_id, _date, region, service, _ = scope.split("/")
    except (IndexError, ValueError):
        return
    secret = secret_for(key_id)
    if secret is None:
        return
    host = environ.get("HTTP_HOST", "localhost")
    request = AWSRequest(
        method="POST",
        url=f"http://{host}/",
        data=body,
        headers={
            "Host": host,
            "Content-Type": environ["CONTENT_TYPE"],
            "X-Amz-Target": environ["HTTP_X_AMZ_TARGET"],
        },
    )
    SigV4Auth(Credentials(key_id, secret), service, region).add_auth(request)
    for key in [k for k in environ if k.startswith("HTTP_X_AMZ_") and k != "HTTP_X_AMZ_TARGET"]:
        del environ[key]
    environ["HTTP_AUTHORIZATION"] = request.headers["Authorization"]
    environ["HTTP_X_AMZ_DATE"] = request.headers["X-Amz-Date"]


def xml_error(body):
    """moto's access-control errors come as XML whatever the protocol; keep code and message."""
    text = body.decode("utf-8", "replace")
    code = re.search(r"<Code>([^<]*)</Code>", text)
    message = re.search(r"<Message>([^<]*)</Message>", text)
    return {
        "__type": code.group(1) if code else "InternalFailure",
        "message": message.group(1) if message else text,
    }


class Emulator:
    def __init__(self, app):
        self.app = app
        self.dynamodb = threading.Lock()
        self.selections = {}
        self.selections_lock = threading.Lock()
        self.signing = set()
        self.fleet = {}
        self.fleet_lock = threading.Lock()
        self.hub = {"status": "Inactive", "recommendations": []}

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        selection = SELECTIONS.match(path)
        if selection:
            return self.backup_selections(environ, start_response, *selection.groups())
        if path == HUB_SEED and environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            self.hub = json.loads(environ["wsgi.input"].read(length) or b"{}")
            return self.json_answer(start_response, "200 OK", {})
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith(HUB_TARGET):
            return self.cost_optimization_hub(environ, start_response, environ["HTTP_X_AMZ_TARGET"][len(HUB_TARGET):])
        agent = SSM_AGENT.match(path)
        if agent and environ.get("REQUEST_METHOD") == "POST":
            return self.ssm_register(environ, start_response, agent.group(1))
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target.startswith(SSM_TARGET) and target[len(SSM_TARGET):] in SSM_FAKED:
            return self.ssm_fleet(environ, start_response, target[len(SSM_TARGET):])
        dnssec = DNSSEC.match(path)
        if dnssec:
            return self.route53_dnssec(environ, start_response, *dnssec.groups())
        if environ.get("REQUEST_METHOD") == "POST" and path.startswith(CBOR_PREFIX):
            return self.cloudwatch_cbor(environ, start_response, path[len(CBOR_PREFIX):])
        if environ.get("REQUEST_METHOD") == "GET" and "versioning" in environ.get("QUERY_STRING", "").split("&"):
            return self.rewrite(environ, start_response, self.fix_versioning)
        if self.is_assume_role(environ):
            refusal = self.assume_role_refusal(environ)
            if refusal:
                return self.sts_access_denied(start_response, refusal)
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith(DYNAMODB_TARGET):
            with self.dynamodb:
                return self.rewrite(environ, start_response, lambda body: body)
        return self.app(environ, start_response)

    @staticmethod
    def is_assume_role(environ):
        if environ.get("REQUEST_METHOD") != "POST":
            return False
        if not environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            return False
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(raw)
        form = parse_qs(raw.decode("utf-8", "replace"))
        environ["wellscan.form"] = form
        return form.get("Action") == ["AssumeRole"]

    @staticmethod
    def assume_role_refusal(environ):
        """Why AWS would refuse this AssumeRole, or None."""
        from moto.iam.models import iam_backends

        form = environ["wellscan.form"]
        arn = (form.get("RoleArn") or [""])[0]
        external_id = (form.get("ExternalId") or [None])[0]
        denied = f"User is not authorized to perform: sts:AssumeRole on resource: {arn}"
        match = re.match(r"^arn:aws[\w-]*:iam::(\d{12}):role/(?:.*/)?([^/]+)$", arn)
        if not match:
            return denied
        account, name = match.groups()
        backend = iam_backends[account]["global"]
        role = next((r for r in backend.roles.values() if r.name == name), None)
        if role is None:
            return denied
        try:
            trust = json.loads(role.assume_role_policy_document or "{}")
        except ValueError:
            return None
        statements = trust.get("Statement", [])
        if isinstance(statements, dict):
            statements = [statements]
        for statement in statements:
            wanted = statement.get("Condition", {}).get("StringEquals", {}).get("sts:ExternalId")
            if wanted is not None and external_id not in (wanted if isinstance(wanted, list) else [wanted]):
                return denied
        return None

    @staticmethod
    def sts_access_denied(start_response, message):
        body = (
            '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
            f"<Error><Type>Sender</Type><Code>AccessDenied</Code><Message>{message}</Message></Error>"
            f"<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
        ).encode()
        start_response("403 Forbidden", [("Content-Type", "text/xml"), ("Content-Length", str(len(body)))])
        return [body]

    def backup_selections(self, environ, start_response, plan_id, selection_id):
        method = environ.get("REQUEST_METHOD")
        with self.selections_lock:
            plan = self.selections.setdefault(plan_id, {})
            if method == "PUT" and not selection_id:
                length = int(environ.get("CONTENT_LENGTH") or 0)
                body = json.loads(environ["wsgi.input"].read(length) or b"{}")
                new_id = str(uuid.uuid4())
                plan[new_id] = {"selection": body.get("BackupSelection", {}), "created": time.time()}
                answer = {"SelectionId": new_id, "BackupPlanId": plan_id, "CreationDate": plan[new_id]["created"]}
            elif method == "GET" and not selection_id:
                answer = {"BackupSelectionsList": [
                    {
                        "SelectionId": sid,
                        "SelectionName": record["selection"].get("SelectionName", ""),
                        "BackupPlanId": plan_id,
                        "IamRoleArn": record["selection"].get("IamRoleArn", ""),
                        "CreationDate": record["created"],
                    }
                    for sid, record in plan.items()
                ]}
            elif method == "GET" and selection_id in plan:
                record = plan[selection_id]
                answer = {
                    "BackupSelection": record["selection"],
                    "SelectionId": selection_id,
                    "BackupPlanId": plan_id,
                    "CreationDate": record["created"],
                }
            else:
                body = json.dumps({"__type": "ResourceNotFoundException", "message": "no such selection"}).encode()
                start_response("404 Not Found", [
                    ("Content-Type", "application/json"),
                    ("x-amzn-errortype", "ResourceNotFoundException"),
                    ("Content-Length", str(len(body))),
                ])
                return [body]
        body = json.dumps(answer).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    def route53_dnssec(self, environ, start_response, zone_id, action):
        """EnableHostedZoneDNSSEC and GetDNSSEC for zones that moto knows."""
        method = environ.get("REQUEST_METHOD")
        if action == "dnssec" and (method != "GET" or zone_id not in self.signing):
            return self.app(environ, start_response)
        if action == "enable-dnssec" and method == "POST":
            # moto answers NoSuchHostedZone for a zone it does not have.
            probe = dict(environ)
            probe["REQUEST_METHOD"] = "GET"
            zone_path = f"/2013-04-01/hostedzone/{zone_id}"
            probe["PATH_INFO"] = zone_path
            probe["RAW_URI"] = zone_path
            probe["REQUEST_URI"] = zone_path
            probe["QUERY_STRING"] = ""
            probe["CONTENT_LENGTH"] = "0"
            probe["wsgi.input"] = io.BytesIO(b"")
            status, headers, body = self.call(probe)
            if not status.startswith("200"):
                start_response(status, headers)
                return [body]
            self.signing.add(zone_id)
            now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            body = (
                f'<EnableHostedZoneDNSSECResponse xmlns="{ROUTE53_NS}"><ChangeInfo>'
                f"<Id>/change/C{uuid.uuid4().hex[:12].upper()}</Id><Status>INSYNC</Status>"
                f"<SubmittedAt>{now}</SubmittedAt></ChangeInfo></EnableHostedZoneDNSSECResponse>"
            )
        elif action == "dnssec":
            body = (
                f'<GetDNSSECResponse xmlns="{ROUTE53_NS}"><Status><ServeSignature>SIGNING'
                "</ServeSignature></Status><KeySigningKeys/></GetDNSSECResponse>"
            )
        else:
            return self.app(environ, start_response)
        encoded = body.encode()
        start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", str(len(encoded)))])
        return [encoded]

    @staticmethod
    def refused(environ, raw, action):
        """Why AWS would refuse this call to a faked operation, as moto would answer it (status
        and body), or None: once moto enforces IAM, a fake answers only a caller whose signature
        holds and whose policies allow `action`, through moto's own checks."""
        from moto import settings
        from moto.core.authorization import ActionAuthenticatorMixin
        from moto.iam.access_control import IAMRequest
        from moto.iam.models import get_account_id_from
        from werkzeug.datastructures import EnvironHeaders
        from werkzeug.exceptions import HTTPException

        if ActionAuthenticatorMixin.request_count < settings.INITIAL_NO_AUTH_ACTION_COUNT:
            return None
        headers = EnvironHeaders(environ)
        key = re.search(r"Credential=([^/]+)/", headers.get("Authorization", ""))
        try:
            request = IAMRequest(
                account_id=get_account_id_from(key.group(1) if key else ""),
                method=environ.get("REQUEST_METHOD", "POST"),
                path=environ.get("PATH_INFO", "/"),
                data={},
                body=raw,
                headers=headers,
                action=action,
            )
            request.check_signature()
            request.check_action_permitted("*")
        except HTTPException as refusal:
            return f"{refusal.code} Refused", refusal.description
        return None

    def allowed_request(self, environ, action):
        """The JSON request of a faked operation, and why AWS would refuse it (or None)."""
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        refusal = self.refused(environ, raw, action)
        return (None if refusal else json.loads(raw or b"{}")), refusal

    @staticmethod
    def answer_refusal(start_response, refusal):
        status, body = refusal
        encoded = body.encode() if isinstance(body, str) else body
        start_response(status, [("Content-Type", "text/xml"), ("Content-Length", str(len(encoded)))])
        return [encoded]

    @staticmethod
    def json_answer(start_response, status, answer, error=None):
        body = json.dumps(answer).encode()
        headers = [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(body)))]
        if error:
            headers.append(("x-amzn-errortype", error))
        start_response(status, headers)
        return [body]

    def cost_optimization_hub(self, environ, start_response, operation):
        request, refusal = self.allowed_request(environ, operation)
        if refusal:
            return self.answer_refusal(start_response, refusal)
        now = time.time()
        if operation == "ListEnrollmentStatuses":
            items = [{
                "accountId": "123456789012",
                "status": self.hub.get("status", "Inactive"),
                "lastUpdatedTimestamp": now,
                "createdTimestamp": now - 86_400,
            }]
            limit = int(request.get("maxResults") or 100)
        elif operation == "ListRecommendations":
            items = list(self.hub.get("recommendations", []))
            limit = int(request.get("maxResults") or 10)
        else:
            return self.json_answer(start_response, "400 Bad Request", {
                "__type": "UnknownOperationException", "message": f"{operation} is not emulated",
            }, "UnknownOperationException")
        start = int(request.get("nextToken") or 0)
        answer = {"items": items[start:start + limit]}
        if start + limit < len(items):
            answer["nextToken"] = str(start + limit)
        body = json.dumps(answer).encode()
        start_response("200 OK", [("Content-Type", "application/x-amz-json-1.0"), ("Content-Length", str(len(body)))])
        return [body]

    def ssm_register(self, environ, start_response, region):
        """The SSM Agent of one instance registers (and reports its patch state)."""
        length = int(environ.get("CONTENT_LENGTH") or 0)
        instance = json.loads(environ["wsgi.input"].read(length) or b"{}")
        with self.fleet_lock:
            fleet = self.fleet.setdefault(region, {})
            fleet[instance["InstanceId"]] = instance
        return self.json_answer(start_response, "200 OK", {})

    def ssm_fleet(self, environ, start_response, operation):
        request, refusal = self.allowed_request(environ, operation)
        if refusal:
            return self.answer_refusal(start_response, refusal)
        region = re.search(r"Credential=[^/]+/[^/]+/([^/]+)/", environ.get("HTTP_AUTHORIZATION", ""))
        region = region.group(1) if region else "us-east-1"
        with self.fleet_lock:
            fleet = list(self.fleet.get(region, {}).values())
        if operation == "DescribeInstanceInformation":
            items = [{k: v for k, v in i.items() if k != "PatchState"} for i in fleet]
            limit, key = int(request.get("MaxResults") or 50), "InstanceInformationList"
            if not 5 <= limit <= 50:
                return self.json_answer(start_response, "400 Bad Request", {
                    "__type": "ValidationException",
                    "message": "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 5 and 50",
                }, "ValidationException")
        else:
            ids = request.get("InstanceIds") or []
            if len(ids) > 50:
                return self.json_answer(start_response, "400 Bad Request", {
                    "__type": "ValidationException",
                    "message": "1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50",
                }, "ValidationException")
            items = [
                dict(i["PatchState"], InstanceId=i["InstanceId"])
                for i in fleet
                if i["InstanceId"] in ids and "PatchState" in i
            ]
            limit, key = int(request.get("MaxResults") or 10), "InstancePatchStates"
        start = int(request.get("NextToken") or 0)
        answer = {key: items[start:start + limit]}
        if start + limit < len(items):
            answer["NextToken"] = str(start + limit)
        return self.json_answer(start_response, "200 OK", answer)

    def call(self, environ):
        """Runs the inner app; returns status, headers and body."""
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = headers
            return lambda _data: None

        chunks = self.app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        return captured["status"], captured["headers"], body

    def rewrite(self, environ, start_response, fix):
        status, headers, body = self.call(environ)
        body = fix(body)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body]

    @staticmethod
    def fix_versioning(body):
        return body.replace(b"GetBucketVersioningResponse", b"VersioningConfiguration")

    def cloudwatch_cbor(self, environ, start_response, operation):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        params = cbor2.loads(raw) if raw else {}
        payload = json.dumps(request_to_json(params or {})).encode()
        inner = dict(environ)
        inner["PATH_INFO"] = "/"
        inner["RAW_URI"] = "/"
        inner["REQUEST_URI"] = "/"
        inner["QUERY_STRING"] = ""
        inner["CONTENT_TYPE"] = "application/x-amz-json-1.0"
        inner["HTTP_X_AMZ_TARGET"] = JSON_TARGET + operation
        inner["CONTENT_LENGTH"] = str(len(payload))
        inner["wsgi.input"] = io.BytesIO(payload)
        resign(inner, payload)
        status, headers, body = self.call(inner)
        try:
            answer = json.loads(body or b"{}")
        except ValueError:
            answer = xml_error(body)
        encoded = cbor2.dumps(response_to_cbor(answer))
        out_headers = [
            ("Content-Type", "application/cbor"),
            ("smithy-protocol", "rpc-v2-cbor"),
            ("Content-Length", str(len(encoded))),
        ]
        out_headers += [(k, v) for k, v in headers if k.lower().startswith("x-amzn-request")]
        start_response(status, out_headers)
        return [encoded]


# The moto services wellscan calls, warmed in the background at start-up.
WARM = (
    "sts", "ec2", "iam", "s3", "rds", "awslambda", "cloudwatch", "cloudtrail", "kms", "logs",
    "dynamodb", "elbv2", "autoscaling", "sqs", "sns", "secretsmanager", "acm", "guardduty",
    "securityhub", "config", "backup", "efs", "ecr", "s3control", "organizations", "ecs", "eks",
    "elasticache", "elb", "cloudfront", "apigateway", "apigatewayv2", "route53", "ssm",
)


def warm(dispatcher):
    for name in WARM:
        try:
            importlib.import_module(f"moto.{name}.urls")
            with dispatcher.lock:
                if name not in dispatcher.app_instances:
                    dispatcher.app_instances[name] = dispatcher.create_app(name)
        except Exception as e:  # a service this moto lacks is created on demand, as before
            print(f"warm-up skipped {name}: {e}", flush=True)


def store_policies_as_text():
    from moto.iam.models import Role
    from moto.kms.models import KmsBackend

    put_policy = Role.put_policy

    def put_policy_as_text(self, name, document):
        if not isinstance(document, str):
            document = json.dumps(document)
        return put_policy(self, name, document)

    Role.put_policy = put_policy_as_text
    create_key = KmsBackend.create_key

    def create_key_as_text(self, *args, **kwargs):
        if not isinstance(kwargs.get("policy"), (str, type(None))):
            kwargs["policy"] = json.dumps(kwargs["policy"])
        if args and not isinstance(args[0], (str, type(None))):
            args = (json.dumps(args[0]),) + args[1:]
        return create_key(self, *args, **kwargs)

    KmsBackend.create_key = create_key_as_text


def keep_performance_insights():
    """moto drops CreateDBInstance's EnablePerformanceInsights; RDS keeps it and answers
    DescribeDBInstances with PerformanceInsightsEnabled, which wellscan reads."""
    from moto.rds.models import DBInstance

    init = DBInstance.__init__

    def init_keeping_insights(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.performance_insights_enabled = bool(kwargs.get("enable_performance_insights", False))

    DBInstance.__init__ = init_keeping_insights


def keep_deployment_configuration():
    """moto drops CreateService's deploymentConfiguration, and a stack's; ECS keeps it and
    answers DescribeServices with it, and wellscan reads its circuit breaker."""
    from moto.ecs.responses import EC2ContainerServiceResponse

    create = EC2ContainerServiceResponse.create_service

    def create_keeping_configuration(self):
        result = create(self)
        configuration = self._get_param("deploymentConfiguration")
        if configuration is not None:
            cluster = self._get_param("cluster", "default").split("/")[-1]
            name = self._get_param("serviceName")
            self.ecs_backend.services[f"{cluster}:{name}"].deployment_configuration = configuration
        return result

    EC2ContainerServiceResponse.create_service = create_keeping_configuration

    # The same from a CloudFormation stack, whose properties are PascalCase.
    from moto.ecs.models import Service

    from_stack = Service.create_from_cloudformation_json.__func__

    def api_casing(value):
        if isinstance(value, dict):
            return {k[:1].lower() + k[1:]: api_casing(v) for k, v in value.items()}
        if isinstance(value, list):
            return [api_casing(v) for v in value]
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value

    def from_stack_keeping_configuration(cls, name, template, account_id, region, **kwargs):
        service = from_stack(cls, name, template, account_id, region, **kwargs)
        configuration = template["Properties"].get("DeploymentConfiguration")
        if configuration is not None:
            service.deployment_configuration = api_casing(configuration)
        return service

    Service.create_from_cloudformation_json = classmethod(from_stack_keeping_configuration)


def list_group_members():
    """moto names a replication group's member clusters but never creates them, so
    DescribeCacheClusters leaves them out; ElastiCache lists each, with its group and engine
    version, which is where wellscan reads a group's version."""
    import inspect

    from moto.elasticache.models import CacheCluster, ElastiCacheBackend

    create = ElastiCacheBackend.create_replication_group
    parameters = inspect.signature(CacheCluster.__init__).parameters

    def create_with_members(self, *args, **kwargs):
        group = create(self, *args, **kwargs)
        settings = inspect.signature(create).bind(self, *args, **kwargs).arguments
        for member in group.member_clusters:
            if member in self.cache_clusters:
                continue
            values = {name: None for name in parameters if name != "self"}
            values.update(
                account_id=self.account_id,
                region_name=self.region_name,
                cache_cluster_id=member,
                replication_group_id=group.replication_group_id,
                cache_node_type=settings.get("cache_node_type"),
                engine=settings.get("engine") or "redis",
                engine_version=settings.get("engine_version"),
                num_cache_nodes=1,
                log_delivery_configurations=[],
            )
            self.cache_clusters[member] = CacheCluster(**values)
        return group

    ElastiCacheBackend.create_replication_group = create_with_members


def keep_s3_origin_access():
    """moto drops an S3 origin's S3OriginConfig and OriginAccessControlId, and says a
    distribution with an ACM certificate is on CloudFront's default one; CloudFront answers
    with the origin as configured and the certificate it serves, which wellscan reads."""
    from moto.cloudfront.models import Origin, ViewerCertificate

    init = Origin.__init__

    def init_keeping_access(self, origin):
        init(self, origin)
        if "S3OriginConfig" in origin:
            self.s3_origin_config = {"OriginAccessIdentity": self.s3_access_identity}
        self.origin_access_control_id = origin.get("OriginAccessControlId") or ""

    Origin.__init__ = init_keeping_access

    certificate = ViewerCertificate.__init__

    def init_named_certificate(self, *args, **kwargs):
        certificate(self, *args, **kwargs)
        if getattr(self, "acm_certificate_arn", "") or getattr(self, "iam_certificate_id", ""):
            self.cloud_front_default_certificate = False

    ViewerCertificate.__init__ = init_named_certificate


def main():
    store_policies_as_text()
    keep_s3_origin_access()
    list_group_members()
    keep_performance_insights()
    keep_deployment_configuration()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args()
    dispatcher = DomainDispatcherApplication(create_backend_app)
    threading.Thread(target=warm, args=(dispatcher,), daemon=True).start()
    app = Emulator(dispatcher)
    server = make_server(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)
    print(f"wellscan emulator (moto) on http://{args.host}:{args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
