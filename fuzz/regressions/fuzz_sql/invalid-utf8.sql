SELECT * FROM FILES("path" = "s3://b/ÿþx", "aws.s3.region" = "À€", "aws.s3.use_instance_profile" = "trueí €");
