variable "name" {
  description = "Name prefix."
  type        = string
}

variable "region" {
  description = "AWS region."
  type        = string
}

variable "alarm_email" {
  description = "Email subscribed to the alarms topic (empty: none)."
  type        = string
}

variable "enable_managed_prometheus" {
  description = "Create an Amazon Managed Prometheus workspace with Waymark's alert rules."
  type        = bool
}

variable "enable_managed_grafana" {
  description = "Create an Amazon Managed Grafana workspace."
  type        = bool
}

variable "alert_rules_yaml" {
  description = "The Prometheus rules file (deploy/prometheus/alerts.yml)."
  type        = string
}

variable "alb_arn_suffix" {
  description = "Load balancer ARN suffix."
  type        = string
}

variable "app_target_group_suffix" {
  description = "App target group ARN suffix."
  type        = string
}

variable "ecs_cluster_name" {
  description = "ECS cluster name."
  type        = string
}

variable "ecs_service_name" {
  description = "ECS service name."
  type        = string
}

variable "rds_instance_id" {
  description = "RDS instance identifier."
  type        = string
}

variable "msk_cluster_name" {
  description = "MSK cluster name."
  type        = string
}

variable "clickhouse_instance_id" {
  description = "ClickHouse EC2 instance id (empty when managed elsewhere)."
  type        = string
}
