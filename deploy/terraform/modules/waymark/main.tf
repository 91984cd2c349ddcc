# Waymark on ECS Fargate: N identical tasks (cluster mode) behind one Application Load Balancer.
# The app (API, web app, actuator) listens on 8080, the lean collector on 8081; both target groups
# check the readiness probe on 8080, so a task gets traffic only once Kafka, the store and the
# metadata database answer.

data "aws_caller_identity" "current" {}

locals {
  https       = var.certificate_arn != ""
  app_port    = 8080
  collector   = 8081
  readiness   = "/actuator/health/readiness"
  public_port = local.https ? 443 : 80
  coll_public = local.https ? 8443 : 8081
  scheme      = local.https ? "https" : "http"
  amp         = var.amp_remote_write_url != ""
}

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "waymark" {
  name              = "/waymark/${var.name}/app"
  retention_in_days = var.log_retention_days
}

# The vault's master key (wraps every person's key, decision 22): generated once, kept in Secrets
# Manager. Losing it makes the whole event log unreadable: back it up with the data.
resource "random_password" "master_key" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "master_key" {
  name                    = "${var.name}/master-key"
  description             = "WAYMARK_MASTER_KEY: wraps the per-person keys of the vault"
  recovery_window_in_days = 30
}

resource "aws_secretsmanager_secret_version" "master_key" {
  secret_id     = aws_secretsmanager_secret.master_key.id
  secret_string = random_password.master_key.result

  lifecycle {
    ignore_changes = [secret_string] # rotated by hand, never by a plan
  }
}

# --- IAM: the execution role pulls the image, writes logs, reads the secrets; the task role is
# what Waymark itself may do (exports and backups buckets, Managed Prometheus remote write).

data "aws_iam_policy_document" "ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role_policy" "execution_secrets" {
  name = "secrets"
  role = aws_iam_role.execution.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = ["secretsmanager:GetSecretValue"]
      Resource = compact([
        aws_secretsmanager_secret.master_key.arn,
        var.datasource_secret_arn,
        var.clickhouse_password_secret_arn,
      ])
    }]
  })
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
}

resource "aws_iam_role_policy" "task" {
  name = "waymark"
  role = aws_iam_role.task.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Effect = "Allow"
        Action = ["s3:PutObject", "s3:GetObject", "s3:ListBucket", "s3:DeleteObject"]
        Resource = [
          var.exports_bucket_arn, "${var.exports_bucket_arn}/*",
          var.backups_bucket_arn, "${var.backups_bucket_arn}/*",
        ]
      }],
      local.amp ? [{
        Effect   = "Allow"
        Action   = ["aps:RemoteWrite"]
        Resource = [var.amp_workspace_arn]
      }] : []
    )
  })
}

# --- Task definition

locals {
  environment = [
    { name = "WAYMARK_MODE", value = "cluster" },
    { name = "WAYMARK_DATA_DIR", value = "/var/lib/waymark" },
    { name = "WAYMARK_KAFKA_BOOTSTRAP_SERVERS", value = var.kafka_bootstrap_servers },
    { name = "WAYMARK_KAFKA_SECURITY_PROTOCOL", value = "SSL" },
    { name = "SPRING_DATASOURCE_URL", value = var.datasource_url },
    { name = "WAYMARK_STORE_TYPE", value = "clickhouse" },
    { name = "WAYMARK_CLICKHOUSE_URL", value = var.clickhouse_url },
    { name = "WAYMARK_CLICKHOUSE_USER", value = "waymark" },
    { name = "WAYMARK_LOG_FORMAT", value = "ecs" },
    { name = "JAVA_TOOL_OPTIONS", value = var.java_opts },
    { name = "SERVER_SERVLET_SESSION_COOKIE_SECURE", value = tostring(local.https) },
  ]

  secrets = concat(
    [
      { name = "WAYMARK_MASTER_KEY", valueFrom = aws_secretsmanager_secret.master_key.arn },
      { name = "SPRING_DATASOURCE_USERNAME", valueFrom = "${var.datasource_secret_arn}:username::" },
      { name = "SPRING_DATASOURCE_PASSWORD", valueFrom = "${var.datasource_secret_arn}:password::" },
    ],
    var.clickhouse_password_secret_arn == "" ? [] : [
      { name = "WAYMARK_CLICKHOUSE_PASSWORD", valueFrom = var.clickhouse_password_secret_arn },
    ]
  )

  waymark_container = {
    name        = "waymark"
    image       = var.image
    essential   = true
    environment = local.environment
    secrets     = local.secrets
    portMappings = [
      { name = "app", containerPort = local.app_port, protocol = "tcp" },
      { name = "collector", containerPort = local.collector, protocol = "tcp" },
    ]
    mountPoints = [{ sourceVolume = "data", containerPath = "/var/lib/waymark" }]
    stopTimeout = 60
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.waymark.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "waymark"
      }
    }
  }

  # With Managed Prometheus: the AWS Distro for OpenTelemetry scrapes this task's
  # /actuator/prometheus every 15 s and remote-writes to the workspace.
  adot_config = yamlencode({
    extensions = { sigv4auth = { region = var.region, service = "aps" } }
    receivers = {
      prometheus = {
        config = {
          global = { scrape_interval = "15s" }
          scrape_configs = [{
            job_name       = "waymark"
            metrics_path   = "/actuator/prometheus"
            static_configs = [{ targets = ["127.0.0.1:${local.app_port}"] }]
          }]
        }
      }
    }
    exporters = {
      prometheusremotewrite = {
        endpoint                         = var.amp_remote_write_url
        auth                             = { authenticator = "sigv4auth" }
        resource_to_telemetry_conversion = { enabled = true }
      }
    }
    service = {
      extensions = ["sigv4auth"]
      pipelines  = { metrics = { receivers = ["prometheus"], exporters = ["prometheusremotewrite"] } }
    }
  })

  adot_container = {
    name        = "metrics"
    image       = "public.ecr.aws/aws-observability/aws-otel-collector:latest"
    essential   = false
    environment = [{ name = "AOT_CONFIG_CONTENT", value = local.adot_config }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.waymark.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "adot"
      }
    }
  }
}

resource "aws_ecs_task_definition" "waymark" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  # The stream processor's RocksDB state (restorable from its changelogs) and scratch space.
  ephemeral_storage {
    size_in_gib = 100
  }

  volume {
    name = "data"
  }

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode(concat(
    [local.waymark_container],
    local.amp ? [local.adot_container] : []
  ))
}

# --- Load balancer

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "Waymark load balancer: the app and the collector from the internet"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "alb" {
  for_each = {
    for pair in setproduct(var.allowed_ingress_cidrs, distinct(concat([local.public_port, local.coll_public], local.https ? [80] : []))) :
    "${pair[0]}-${pair[1]}" => { cidr = pair[0], port = pair[1] }
  }

  security_group_id = aws_security_group.alb.id
  description       = "HTTP(S) on ${each.value.port}"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}

resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  for_each = toset([tostring(local.app_port), tostring(local.collector)])

  security_group_id            = aws_security_group.alb.id
  description                  = "To the Waymark tasks on ${each.value}"
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  referenced_security_group_id = var.task_sg_id
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_alb" {
  for_each = toset([tostring(local.app_port), tostring(local.collector)])

  security_group_id            = var.task_sg_id
  description                  = "From the load balancer on ${each.value}"
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  referenced_security_group_id = aws_security_group.alb.id
}

# Instances call each other for partition-local answers (a user's live state lives on the
# instance owning the user's partition).
resource "aws_vpc_security_group_ingress_rule" "tasks_from_tasks" {
  security_group_id            = var.task_sg_id
  description                  = "Instance to instance (forwarded partition-local queries)"
  ip_protocol                  = "tcp"
  from_port                    = local.app_port
  to_port                      = local.app_port
  referenced_security_group_id = var.task_sg_id
}

resource "aws_lb" "this" {
  name                       = var.name
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  idle_timeout               = 120 # server-sent events (live figures, alerts) stay open
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
}

resource "aws_lb_target_group" "app" {
  name                 = "${var.name}-app"
  port                 = local.app_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = local.readiness
    port                = tostring(local.app_port)
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  # The web app's login session lives in the shared metadata database, so no stickiness is needed.
}

resource "aws_lb_target_group" "collector" {
  name                 = "${var.name}-collector"
  port                 = local.collector
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  # The collector port has no actuator: the app port's readiness says whether the task can log.
  health_check {
    path                = local.readiness
    port                = tostring(local.app_port)
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "app" {
  load_balancer_arn = aws_lb.this.arn
  port              = local.public_port
  protocol          = local.https ? "HTTPS" : "HTTP"
  ssl_policy        = local.https ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : null
  certificate_arn   = local.https ? var.certificate_arn : null

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_listener" "collector" {
  load_balancer_arn = aws_lb.this.arn
  port              = local.coll_public
  protocol          = local.https ? "HTTPS" : "HTTP"
  ssl_policy        = local.https ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : null
  certificate_arn   = local.https ? var.certificate_arn : null

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.collector.arn
  }
}

resource "aws_lb_listener" "redirect" {
  count             = local.https ? 1 : 0
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

# --- Service

resource "aws_ecs_service" "waymark" {
  name            = "waymark"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.waymark.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"

  # Kafka Streams restores state and rebalances at start: give a new task time to become ready.
  health_check_grace_period_seconds  = 180
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  enable_execute_command             = true
  propagate_tags                     = "SERVICE"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [var.task_sg_id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "waymark"
    container_port   = local.app_port
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.collector.arn
    container_name   = "waymark"
    container_port   = local.collector
  }

  depends_on = [aws_lb_listener.app, aws_lb_listener.collector]
}
