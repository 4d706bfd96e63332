package proficio.trainer.publish;

/** A publish or rollback that was refused, with the reason in words. */
public final class PublishRefusedException extends Exception {
    public PublishRefusedException(String reason) {
        super(reason);
    }
}
