# Self-managed ClickHouse on one EC2 instance in a private subnet, data on its own gp3 volume,
# reached by the Waymark tasks over HTTP (8123). Backups: `BACKUP DATABASE waymark TO S3(...)` into
# the backups bucket (the instance role may write there). Managed alternative: set
# clickhouse_external_url (ClickHouse Cloud through PrivateLink, or Altinity.Cloud) and this module
# creates nothing (docs/design/cloud.md).

data "aws_ami" "ubuntu" {
  count       = var.create ? 1 : 0
  most_recent = true
  owners      = ["099720109477"] # Canonical

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"]
  }
}

data "aws_subnet" "this" {
  id = var.subnet_id
}

data "aws_region" "current" {}

resource "random_password" "clickhouse" {
  count   = var.create ? 1 : 0
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "clickhouse" {
  count                   = var.create ? 1 : 0
  name                    = "${var.name}/clickhouse"
  description             = "Password of the ClickHouse user 'waymark'"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "clickhouse" {
  count         = var.create ? 1 : 0
  secret_id     = aws_secretsmanager_secret.clickhouse[0].id
  secret_string = random_password.clickhouse[0].result
}

resource "aws_security_group" "clickhouse" {
  count       = var.create ? 1 : 0
  name        = "${var.name}-clickhouse"
  description = "ClickHouse HTTP from the Waymark tasks"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "http_from_waymark" {
  count                        = var.create ? 1 : 0
  security_group_id            = aws_security_group.clickhouse[0].id
  description                  = "ClickHouse HTTP interface from Waymark"
  ip_protocol                  = "tcp"
  from_port                    = 8123
  to_port                      = 8123
  referenced_security_group_id = var.client_sg_id
}

resource "aws_vpc_security_group_egress_rule" "clickhouse_all" {
  count             = var.create ? 1 : 0
  security_group_id = aws_security_group.clickhouse[0].id
  description       = "Packages, S3 backups, SSM"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_iam_role" "clickhouse" {
  count = var.create ? 1 : 0
  name  = "${var.name}-clickhouse"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# Shell access through Session Manager instead of SSH keys and an open port 22.
resource "aws_iam_role_policy_attachment" "ssm" {
  count      = var.create ? 1 : 0
  role       = aws_iam_role.clickhouse[0].name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_role_policy" "backups" {
  count = var.create ? 1 : 0
  name  = "backups"
  role  = aws_iam_role.clickhouse[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject", "s3:ListBucket", "s3:DeleteObject"]
        Resource = ["arn:aws:s3:::${var.backup_bucket}", "arn:aws:s3:::${var.backup_bucket}/clickhouse/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = [aws_secretsmanager_secret.clickhouse[0].arn]
      }
    ]
  })
}

resource "aws_iam_instance_profile" "clickhouse" {
  count = var.create ? 1 : 0
  name  = "${var.name}-clickhouse"
  role  = aws_iam_role.clickhouse[0].name
}

resource "aws_ebs_volume" "data" {
  count             = var.create ? 1 : 0
  availability_zone = data.aws_subnet.this.availability_zone
  size              = var.volume_gib
  type              = "gp3"
  encrypted         = true

  tags = { Name = "${var.name}-clickhouse-data" }
}

resource "aws_instance" "clickhouse" {
  count                  = var.create ? 1 : 0
  ami                    = data.aws_ami.ubuntu[0].id
  instance_type          = var.instance_type
  subnet_id              = var.subnet_id
  vpc_security_group_ids = [aws_security_group.clickhouse[0].id]
  iam_instance_profile   = aws_iam_instance_profile.clickhouse[0].name

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 30
    encrypted   = true
  }

  user_data = templatefile("${path.module}/user-data.sh.tftpl", {
    secret_arn = aws_secretsmanager_secret.clickhouse[0].arn
    region     = data.aws_region.current.name
  })
  user_data_replace_on_change = false

  tags = { Name = "${var.name}-clickhouse" }

  lifecycle {
    ignore_changes = [ami]
  }
}

resource "aws_volume_attachment" "data" {
  count       = var.create ? 1 : 0
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.data[0].id
  instance_id = aws_instance.clickhouse[0].id
}
