<?php

trait HasTablePrefix
{
    public function prefix(): string { return 'app_'; }
}
