"""Creates infra/wellscan.yaml as a stack on moto, leaving out the resource types moto's
CloudFormation cannot create (and putting a placeholder where the template names them).

Usage: python deploy_on_moto.py TEMPLATE ENDPOINT
Prints JSON: {"status", "left_out": [types], "resources": [{"type", "logical", "physical"}]}.
"""

import json
import sys

import boto3
import yaml

# What moto's CloudFormation cannot create; the test lists the same, so a change shows.
UNSUPPORTED = {
    "AWS::S3::BucketPolicy",
    "AWS::SecretsManager::Secret",
    "AWS::Scheduler::Schedule",
    "AWS::Scheduler::ScheduleGroup",
    "AWS::SNS::TopicPolicy",
    "AWS::SNS::Subscription",
}


class Loader(yaml.SafeLoader):
    pass


def tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "GetAtt":
        return {"Fn::GetAtt": value.split(".", 1) if isinstance(value, str) else value}
    if suffix == "Condition":
        return {"Condition": value}
    return {"Fn::" + suffix: value}


Loader.add_multi_constructor("!", tag)


def main():
    path, endpoint = sys.argv[1], sys.argv[2]
    template = yaml.load(open(path), Loader=Loader)
    left_out = {
        name: r["Type"] for name, r in template["Resources"].items() if r["Type"] in UNSUPPORTED
    }
    for name in left_out:
        del template["Resources"][name]

    def placeholder(value):
        if isinstance(value, dict):
            if value.get("Ref") in left_out:
                return "arn:aws:secretsmanager:us-east-1:123456789012:secret:left-out"
            getatt = value.get("Fn::GetAtt")
            if isinstance(getatt, list) and getatt and getatt[0] in left_out:
                return "left-out"
            return {k: placeholder(v) for k, v in value.items()}
        if isinstance(value, list):
            return [placeholder(v) for v in value]
        return value

    template = placeholder(template)
    session = boto3.session.Session(
        aws_access_key_id="AKIAWELLSCANTEST0000",
        aws_secret_access_key="wellscan-test-secret-not-a-real-key",
        region_name="us-east-1",
    )
    ec2 = session.client("ec2", endpoint_url=endpoint)
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.40.{i}.0/24", AvailabilityZone=zone)[
            "Subnet"
        ]["SubnetId"]
        for i, zone in ((1, "us-east-1a"), (2, "us-east-1b"))
    ]
    # The service's certificate, as ACM would hold it.
    certificate = session.client("acm", endpoint_url=endpoint).request_certificate(
        DomainName="wellscan.example.com"
    )["CertificateArn"]
    cf = session.client("cloudformation", endpoint_url=endpoint)
    parameters = {
        "Image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/wellscan:1.0.0",
        "VpcId": vpc,
        "SubnetIds": ",".join(subnets),
        "Mode": "organization",
        "ExternalId": "an-external-id-of-enough-length",
        "BedrockModelId": "us.anthropic.claude-sonnet-4-20250514-v1:0",
        "AlertEmail": "security@example.com",
        "ServiceCertificateArn": certificate,
        "OidcIssuer": "https://login.example.com/realms/security",
        "OidcClientId": "wellscan",
        "OidcClientSecret": "a-client-secret-from-the-issuer",
    }
    cf.create_stack(
        StackName="wellscan",
        TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
    )
    status = cf.describe_stacks(StackName="wellscan")["Stacks"][0]["StackStatus"]
    resources = cf.list_stack_resources(StackName="wellscan")["StackResourceSummaries"]
    print(json.dumps({
        "status": status,
        "left_out": sorted(set(left_out.values())),
        "resources": [
            {
                "type": r["ResourceType"],
                "logical": r["LogicalResourceId"],
                "physical": r.get("PhysicalResourceId", ""),
            }
            for r in resources
        ],
    }))


if __name__ == "__main__":
    main()
