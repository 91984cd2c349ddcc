# Amazon MSK (provisioned): the event log, the stream's changelogs and the admin signals. Clients
# use TLS on 9094 from the Waymark tasks only. Topics are created by Waymark at start with the
# cluster's replication (3 brokers or more: replication factor 3, min.insync.replicas 2).

resource "aws_security_group" "msk" {
  name        = "${var.name}-msk"
  description = "MSK brokers: TLS clients from the Waymark tasks"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "tls_from_waymark" {
  security_group_id            = aws_security_group.msk.id
  description                  = "Kafka over TLS from Waymark"
  ip_protocol                  = "tcp"
  from_port                    = 9094
  to_port                      = 9094
  referenced_security_group_id = var.client_sg_id
}

resource "aws_msk_configuration" "this" {
  name           = "${var.name}-kafka"
  kafka_versions = [var.kafka_version]

  # Waymark creates its topics itself (events, quarantine, sessions, alerts and the stream's
  # changelogs); nothing else should create topics by accident.
  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=${min(3, local.brokers)}
    min.insync.replicas=${local.brokers >= 3 ? 2 : 1}
    num.partitions=12
    log.retention.hours=168
    unclean.leader.election.enable=false
  PROPERTIES
}

locals {
  brokers = var.brokers_per_az * length(var.subnet_ids)
}

resource "aws_cloudwatch_log_group" "broker" {
  name              = "/waymark/${var.name}/msk"
  retention_in_days = var.log_retention_days
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = local.brokers

  broker_node_group_info {
    instance_type   = var.instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.msk.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.volume_gib
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  enhanced_monitoring = "PER_BROKER"

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.broker.name
      }
    }
  }
}
