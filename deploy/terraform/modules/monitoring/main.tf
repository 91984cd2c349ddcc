# CloudWatch alarms on what AWS sees from outside Waymark (load balancer, tasks, database, brokers,
# the ClickHouse server), published to one SNS topic. Waymark's own metrics (lags, quarantine,
# exports, disk) are Prometheus metrics: optionally an Amazon Managed Prometheus workspace receives
# them (ADOT sidecar in each task) and evaluates deploy/prometheus/alerts.yml, and an Amazon
# Managed Grafana workspace shows deploy/grafana/dashboards.

resource "aws_sns_topic" "alarms" {
  name = "${var.name}-alarms"
}

resource "aws_sns_topic_subscription" "email" {
  count     = var.alarm_email == "" ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

locals {
  actions = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "alb_5xx" {
  alarm_name          = "${var.name}-alb-target-5xx"
  alarm_description   = "More than 5 % of requests answered 5xx by Waymark for 5 minutes (runbook: docs/operations.md#waymarkhigh5xxrate)"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 5
  threshold           = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions

  metric_query {
    id          = "ratio"
    expression  = "100 * errors / MAX([errors, requests])"
    label       = "5xx percent"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      period      = 60
      stat        = "Sum"
      dimensions  = { LoadBalancer = var.alb_arn_suffix }
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      period      = 60
      stat        = "Sum"
      dimensions  = { LoadBalancer = var.alb_arn_suffix }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "unhealthy_tasks" {
  alarm_name          = "${var.name}-unhealthy-tasks"
  alarm_description   = "A Waymark task fails its readiness check (runbook: docs/operations.md#waymarkinstancedown)"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = { LoadBalancer = var.alb_arn_suffix, TargetGroup = var.app_target_group_suffix }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
}

resource "aws_cloudwatch_metric_alarm" "ecs_memory" {
  alarm_name          = "${var.name}-ecs-memory"
  alarm_description   = "Waymark tasks use more than 90 % of their memory"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  dimensions          = { ClusterName = var.ecs_cluster_name, ServiceName = var.ecs_service_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 90
  alarm_actions       = local.actions
}

resource "aws_cloudwatch_metric_alarm" "rds_storage" {
  alarm_name          = "${var.name}-rds-free-storage"
  alarm_description   = "The metadata database has less than 5 GiB free"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = { DBInstanceIdentifier = var.rds_instance_id }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = 5 * 1024 * 1024 * 1024
  alarm_actions       = local.actions
}

resource "aws_cloudwatch_metric_alarm" "rds_cpu" {
  alarm_name          = "${var.name}-rds-cpu"
  alarm_description   = "The metadata database CPU is above 80 % for 15 minutes"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBInstanceIdentifier = var.rds_instance_id }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  alarm_actions       = local.actions
}

resource "aws_cloudwatch_metric_alarm" "msk_disk" {
  alarm_name          = "${var.name}-msk-disk"
  alarm_description   = "A Kafka broker's data volume is more than 80 % full (runbook: docs/operations.md#waymarkdisklow)"
  namespace           = "AWS/Kafka"
  metric_name         = "KafkaDataLogsDiskUsed"
  dimensions          = { "Cluster Name" = var.msk_cluster_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  alarm_actions       = local.actions
}

# A failed ClickHouse host is recovered onto new hardware with the same volume and address.
resource "aws_cloudwatch_metric_alarm" "clickhouse_recover" {
  count               = var.clickhouse_instance_id == "" ? 0 : 1
  alarm_name          = "${var.name}-clickhouse-recover"
  alarm_description   = "The ClickHouse server failed its system status check: recovering it"
  namespace           = "AWS/EC2"
  metric_name         = "StatusCheckFailed_System"
  dimensions          = { InstanceId = var.clickhouse_instance_id }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  alarm_actions       = concat(local.actions, ["arn:aws:automate:${var.region}:ec2:recover"])
}

# --- Optional: Amazon Managed Prometheus, with Waymark's alert rules

resource "aws_prometheus_workspace" "this" {
  count = var.enable_managed_prometheus ? 1 : 0
  alias = var.name
}

resource "aws_prometheus_rule_group_namespace" "waymark" {
  count        = var.enable_managed_prometheus ? 1 : 0
  name         = "waymark"
  workspace_id = aws_prometheus_workspace.this[0].id
  data         = var.alert_rules_yaml
}

resource "aws_prometheus_alert_manager_definition" "this" {
  count        = var.enable_managed_prometheus ? 1 : 0
  workspace_id = aws_prometheus_workspace.this[0].id
  definition   = <<-YAML
    alertmanager_config: |
      route:
        receiver: sns
        group_by: [alertname, job]
      receivers:
        - name: sns
          sns_configs:
            - topic_arn: ${aws_sns_topic.alarms.arn}
              sigv4:
                region: ${var.region}
  YAML
}

# --- Optional: Amazon Managed Grafana (IAM Identity Center users), reading Managed Prometheus and
# CloudWatch. Import deploy/grafana/dashboards/*.json into it (docs/operations.md).

resource "aws_iam_role" "grafana" {
  count = var.enable_managed_grafana ? 1 : 0
  name  = "${var.name}-grafana"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "grafana.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "grafana_prometheus" {
  count      = var.enable_managed_grafana ? 1 : 0
  role       = aws_iam_role.grafana[0].name
  policy_arn = "arn:aws:iam::aws:policy/AmazonPrometheusQueryAccess"
}

resource "aws_iam_role_policy_attachment" "grafana_cloudwatch" {
  count      = var.enable_managed_grafana ? 1 : 0
  role       = aws_iam_role.grafana[0].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonGrafanaCloudWatchAccess"
}

resource "aws_grafana_workspace" "this" {
  count                    = var.enable_managed_grafana ? 1 : 0
  name                     = var.name
  account_access_type      = "CURRENT_ACCOUNT"
  authentication_providers = ["AWS_SSO"]
  permission_type          = "SERVICE_MANAGED"
  data_sources             = ["PROMETHEUS", "CLOUDWATCH"]
  role_arn                 = aws_iam_role.grafana[0].arn
}
