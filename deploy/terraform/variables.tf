variable "environment" {
  description = "Environment name (dev, prod): prefixes every resource name."
  type        = string
}

variable "region" {
  description = "AWS region."
  type        = string
  default     = "eu-west-1"
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.40.0.0/16"
}

variable "az_count" {
  description = "Availability zones used (2 or 3): one public and one private subnet in each."
  type        = number
  default     = 2
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all private subnets (cheaper) instead of one per zone (survives a zone outage)."
  type        = bool
  default     = true
}

# --- Waymark on ECS Fargate ---

variable "waymark_image" {
  description = "Container image of Waymark, e.g. ghcr.io/<owner>/waymark:1.2.3 (built by .github/workflows/release.yml)."
  type        = string
}

variable "waymark_desired_count" {
  description = "Waymark tasks (instances). Kafka Streams spreads the partitions over them."
  type        = number
  default     = 2
}

variable "waymark_cpu" {
  description = "Fargate task CPU units (1024 = 1 vCPU)."
  type        = number
  default     = 2048
}

variable "waymark_memory" {
  description = "Fargate task memory in MiB."
  type        = number
  default     = 8192
}

variable "waymark_java_opts" {
  description = "JVM options of the Waymark container (decisions 35 and 38)."
  type        = string
  default     = "-XX:MaxRAMPercentage=70 -XX:+UseG1GC -XX:G1HeapRegionSize=16m -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10"
}

variable "certificate_arn" {
  description = "ACM certificate for HTTPS on the load balancer; empty serves plain HTTP (dev only)."
  type        = string
  default     = ""
}

variable "allowed_ingress_cidrs" {
  description = "Who may reach the load balancer (the collector must be reachable by your shoppers' browsers)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

# --- Kafka (MSK) ---

variable "msk_kafka_version" {
  description = "Kafka version of the MSK cluster (KRaft-era 3.x or later)."
  type        = string
  default     = "3.7.x"
}

variable "msk_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.m7g.large"
}

variable "msk_brokers_per_az" {
  description = "Brokers in each availability zone."
  type        = number
  default     = 1
}

variable "msk_volume_gib" {
  description = "EBS volume per broker in GiB (the log keeps 7 days)."
  type        = number
  default     = 500
}

# --- PostgreSQL (RDS) ---

variable "rds_instance_class" {
  description = "RDS instance class of the metadata database."
  type        = string
  default     = "db.t4g.medium"
}

variable "rds_allocated_gib" {
  description = "Initial storage of the metadata database in GiB (grows automatically up to 5x)."
  type        = number
  default     = 50
}

variable "rds_multi_az" {
  description = "A standby in a second zone."
  type        = bool
  default     = false
}

variable "rds_engine_version" {
  description = "PostgreSQL major version."
  type        = string
  default     = "16"
}

# --- ClickHouse ---

variable "clickhouse_external_url" {
  description = "URL of a managed ClickHouse (ClickHouse Cloud over PrivateLink, Altinity.Cloud, ...). When set, no EC2 instance is created."
  type        = string
  default     = ""
}

variable "clickhouse_instance_type" {
  description = "EC2 instance type of the self-managed ClickHouse server."
  type        = string
  default     = "r6i.xlarge"
}

variable "clickhouse_volume_gib" {
  description = "gp3 data volume of the ClickHouse server in GiB."
  type        = number
  default     = 500
}

# --- Storage, backups, monitoring ---

variable "backup_retention_days" {
  description = "Days backups are kept in the backups bucket (and RDS automated backups, capped at 35)."
  type        = number
  default     = 30
}

variable "log_retention_days" {
  description = "CloudWatch log retention of the Waymark containers."
  type        = number
  default     = 30
}

variable "alarm_email" {
  description = "Email subscribed to the CloudWatch alarms topic; empty subscribes nobody."
  type        = string
  default     = ""
}

variable "enable_managed_prometheus" {
  description = "An Amazon Managed Prometheus workspace fed by an ADOT collector sidecar in every task, loaded with deploy/prometheus/alerts.yml."
  type        = bool
  default     = false
}

variable "enable_managed_grafana" {
  description = "An Amazon Managed Grafana workspace (needs IAM Identity Center in the account); import deploy/grafana/dashboards into it."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Protect the database, the load balancer and the buckets from accidental deletion."
  type        = bool
  default     = true
}
